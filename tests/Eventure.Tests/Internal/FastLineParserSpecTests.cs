using System.Globalization;
using System.Text;
using Eventure.Internal;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests.Internal;

/// <summary>The fast UTF-8 parser must give exactly what the general reader gives, or decline the line.</summary>
public sealed class FastLineParserSpecTests
{
    [Theory]
    [InlineData("reference.jsonl")]
    [InlineData("seed-adventure.jsonl")]
    [InlineData("seed-crypto-bot.jsonl")]
    public void Seed_lines_should_parse_as_the_general_reader_parses_them(string fixture)
    {
        var accepted = 0;
        foreach (var line in File.ReadAllLines(FixturePath(fixture)).Where(l => l.Length > 0))
        {
            accepted += AssertSameAsGeneral(line) ? 1 : 0;
        }

        Assert.True(accepted > 0, "the fast parser accepted no line of the fixture");
    }

    [Fact]
    public void Random_events_should_parse_as_the_general_reader_parses_them()
    {
        var random = new Random(19);
        var accepted = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var e = new Event(random.NextInt64(-5, 1_000_000), RandomDouble(random), RandomText(random), RandomMap(random, 0), RandomId(random), random.Next(3) == 0 ? RandomText(random) : null);
            var line = e.ToJson();
            accepted += AssertSameAsGeneral(line) ? 1 : 0;
            AssertSameAsGeneral(WithOtherWhiteSpace(line));
        }

        Assert.InRange(accepted, 200, 2_000); // lines with escapes go to the general reader
    }

    [Theory]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": {\"s\": \"\\u00e9\"}}")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": {}, \"extra\": 1}")]
    [InlineData("{\"eventure_meta\": {\"format\": 1, \"current_tick\": 5}}")]
    [InlineData("{\"tick\": 1234567890123456789, \"timestamp\": 1, \"type\": \"a\", \"data\": {}}")]
    [InlineData("{\"tick\": 01, \"timestamp\": 1, \"type\": \"a\", \"data\": {}}")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": {\"x\": 1,}}")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1e999, \"type\": \"a\", \"data\": {}}")]
    [InlineData("{\"tick\": 1.0, \"timestamp\": 1, \"type\": \"a\", \"data\": {}}")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\"}")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": {}} x")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": {\"x\": tru}}")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"caf\u00e9\", \"data\": {}}")]
    public void Lines_outside_the_common_form_should_be_declined(string line)
    {
        Assert.False(new FastLineParser(new Utf8StringPool()).TryParse(Encoding.UTF8.GetBytes(line), out _));
    }

    [Fact]
    public void A_standard_id_should_come_back_as_its_sequence_and_hash()
    {
        var line = Encoding.UTF8.GetBytes(Line(3, "user.login", "3-EFCF-12"));

        Assert.True(new FastLineParser(new Utf8StringPool()).TryParse(line, out var parsed));

        Assert.Equal(12, parsed.Sequence);
        Assert.Null(parsed.Record.Id);
        Assert.Equal(string.GetHashCode("3-EFCF-12".AsSpan()), parsed.IdHash);
    }

    /// <summary>Parses with both readers; returns whether the fast one accepted the line.</summary>
    private static bool AssertSameAsGeneral(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var general = EventJson.Read(bytes, path: null, lineNumber: 1, new Utf8StringPool()).Event!.Value.ToEvent(null);
        if (!new FastLineParser(new Utf8StringPool()).TryParse(bytes, out var parsed))
        {
            return false;
        }

        var fast = parsed.ToEvent(null);
        Assert.Equal(general, fast);
        Assert.Equal(general.Id, fast.Id);
        Assert.Equal(general.Sequence, fast.Sequence);
        Assert.Equal(general.Data.Keys, fast.Data.Keys);
        Assert.Equal(general.ToJson(), fast.ToJson());
        Assert.Equal(string.GetHashCode(general.Id.AsSpan()), parsed.IdHash);
        return true;
    }

    /// <summary>The same line with other white space between the top-level members (never inside a string).</summary>
    private static string WithOtherWhiteSpace(string line)
    {
        foreach (var key in new[] { "timestamp", "type", "data", "event_id", "parent_id" })
        {
            line = line.Replace($", \"{key}\": ", $" ,\t\"{key}\" :\r\n", StringComparison.Ordinal);
        }

        return " " + line.Replace("{\"tick\": ", "{\"tick\":", StringComparison.Ordinal) + "\t";
    }

    private static object? RandomValue(Random random, int depth) => random.Next(depth < 3 ? 9 : 7) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.NextInt64(-1_000, 1_000),
        3 => random.NextInt64(long.MinValue, long.MaxValue),
        4 => RandomDouble(random),
        5 or 6 => RandomText(random),
        7 => RandomMap(random, depth + 1),
        _ => EventDataList.From(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
    };

    private static EventData RandomMap(Random random, int depth) =>
        EventData.From(Enumerable.Range(0, random.Next(depth == 0 ? 12 : 4)).Select(i => new KeyValuePair<string, object?>($"{RandomText(random)}{i}", RandomValue(random, depth))));

    private static double RandomDouble(Random random) => random.Next(5) switch
    {
        0 => random.Next(-100, 100),
        1 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 0.5,
        2 => random.NextDouble() * Math.Pow(10, random.Next(-12, 20)),
        3 => 1_700_000_000 + random.NextDouble(),
        _ => -random.NextDouble(),
    };

    private static string RandomText(Random random)
    {
        const string Plain = "abcxyzABC019 .-_:/{}[],'";
        string[] special = ["\"", "\\", "\n", "\t", "\u0001", "é", "😀", "\u007f"];
        var text = new StringBuilder();
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            text.Append(random.Next(20) == 0 ? special[random.Next(special.Length)] : Plain[random.Next(Plain.Length)].ToString());
        }

        return text.ToString();
    }

    private static string RandomId(Random random) => random.Next(3) switch
    {
        0 => $"{random.Next(0, 10).ToString(CultureInfo.InvariantCulture)}-CCBC-{random.Next(1, 100).ToString(CultureInfo.InvariantCulture)}",
        1 => RandomText(random),
        _ => $"id-{random.Next().ToString(CultureInfo.InvariantCulture)}",
    };
}

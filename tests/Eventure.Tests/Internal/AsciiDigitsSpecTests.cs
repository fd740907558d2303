using System.Globalization;
using System.Text;
using Eventure.Internal;

namespace Eventure.Tests.Internal;

/// <summary>The integer writer must spell every 64-bit integer as the runtime does.</summary>
public sealed class AsciiDigitsSpecTests
{
    [Fact]
    public void Integers_of_every_length_should_be_written_as_the_runtime_writes_them()
    {
        var values = new List<long> { 0, 1, -1, 9, 10, 99, 100, long.MaxValue, long.MinValue, long.MinValue + 1 };
        for (var power = 1L; power > 0 && power <= long.MaxValue / 10; power *= 10)
        {
            values.AddRange([power - 1, power, power + 1, -power, -(power - 1), (power * 10) - 1]);
        }

        var random = new Random(19);
        for (var i = 0; i < 20_000; i++)
        {
            values.Add(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63));
        }

        Span<byte> text = stackalloc byte[AsciiDigits.MaxInt64Length];
        foreach (var value in values)
        {
            var length = AsciiDigits.Write(value, text);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..length]));
        }

        Span<byte> unsigned = stackalloc byte[20];
        Assert.Equal("18446744073709551615", Encoding.ASCII.GetString(unsigned[..AsciiDigits.Write(ulong.MaxValue, unsigned)]));
        Assert.Equal("10000000000000000000", Encoding.ASCII.GetString(unsigned[..AsciiDigits.Write(10_000_000_000_000_000_000UL, unsigned)]));
    }
}

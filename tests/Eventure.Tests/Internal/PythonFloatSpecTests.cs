using System.Globalization;
using System.Text;
using Eventure.Internal;

namespace Eventure.Tests.Internal;

/// <summary>The fast path of the float writer must agree with the general one on every value it takes.</summary>
public sealed class PythonFloatSpecTests
{
    [Fact]
    public void Random_doubles_should_format_alike_on_both_paths_and_round_trip()
    {
        var random = new Random(19);
        Span<byte> fast = stackalloc byte[PythonFloat.MaxLength];
        Span<byte> general = stackalloc byte[PythonFloat.MaxLength];
        for (var i = 0; i < 20_000; i++)
        {
            var value = (i % 4) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                1 => random.NextDouble() * Math.Pow(10, random.Next(-6, 18)),
                2 => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 17))),
                _ => -random.Next(0, 100_000) / 8.0,
            };
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = Encoding.ASCII.GetString(fast[..PythonFloat.Format(value, fast)]);
            Assert.Equal(Encoding.ASCII.GetString(general[..PythonFloat.FormatGeneral(value, general)]), text);
            Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(123.0, "123.0")]
    public void Boundaries_should_match_python_repr(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Format(value));
    }
}

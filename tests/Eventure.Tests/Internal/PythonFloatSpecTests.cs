using System.Globalization;
using System.Text;
using Eventure.Internal;

namespace Eventure.Tests.Internal;

/// <summary>
/// The float writer's own shortest-digits search (Schubfach) must find exactly the digits of .NET's round-trip
/// format, which are Python's <c>repr</c> digits, and lay them out as Python does.
/// </summary>
public sealed class PythonFloatSpecTests
{
    [Fact]
    public void Random_doubles_should_have_the_runtime_round_trip_digits()
    {
        var random = new Random(19);
        for (var i = 0; i < 400_000; i++)
        {
            var value = (i % 6) switch
            {
                0 or 1 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                2 => random.NextDouble() * Math.Pow(10, random.Next(-6, 18)),
                3 => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 17))),
                4 => 1.7e9 + (random.NextInt64(0, 10_000_000_000_000_000) / 1e7),
                _ => -random.Next(0, 100_000) / 8.0,
            };
            if (double.IsFinite(value) && value != 0)
            {
                AssertDigits(value);
            }
        }
    }

    [Fact]
    public void Edge_doubles_should_have_the_runtime_round_trip_digits()
    {
        var values = new List<double> { double.Epsilon, 2 * double.Epsilon, 3 * double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308, 2.2250738585072009E-308 };
        for (var e = -1074; e <= 1023; e++)
        {
            var power = Math.ScaleB(1, e);
            values.Add(power);
            values.Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) + 1));
            values.Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) - 1));
        }

        for (var e = -323; e <= 308; e++)
        {
            var power = double.Parse($"1e{e}", CultureInfo.InvariantCulture);
            values.Add(power);
            values.Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) + 1));
            values.Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) - 1));
        }

        foreach (var value in values)
        {
            if (value > 0 || value < 0)
            {
                AssertDigits(value);
            }
        }
    }

    [Theory]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.2345e-7, "1.2345e-07")]
    [InlineData(1e100, "1e+100")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(123.0, "123.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1796159678.051318, "1796159678.051318")]
    [InlineData(1764623552.1234567, "1764623552.1234567")]
    [InlineData(2.9802322387695312e-08, "2.9802322387695312e-08")]
    [InlineData(4.1045368012983762e-289, "4.1045368012983762e-289")]
    public void Layout_should_match_python_repr(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Format(value));
        Assert.Equal(value, double.Parse(expected, CultureInfo.InvariantCulture));
    }

    private static void AssertDigits(double value)
    {
        var (significand, exponent) = ShortestDecimal.Of(value);
        while (significand % 10 == 0)
        {
            significand /= 10;
            exponent++;
        }

        var (digits, point) = RuntimeDigits(value);
        if (double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) != value)
        {
            // The runtime's own text does not read back (2^-25 and 2^-958): no oracle; the layout theory covers them.
            return;
        }

        var found = significand.ToString(CultureInfo.InvariantCulture);
        Assert.True(
            digits == found && point == found.Length + exponent,
            $"{value:R}: runtime digits {digits} point {point}, found {found} point {found.Length + exponent}");

        var text = PythonFloat.Format(value);
        Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
    }

    /// <summary>The significant digits of the runtime's round-trip text, and the decimal point: value = 0.DIGITS × 10^point.</summary>
    private static (string Digits, int Point) RuntimeDigits(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var all = new StringBuilder(text.Replace(".", string.Empty, StringComparison.Ordinal));
        var point = (dot < 0 ? all.Length : dot) + exponent;
        var digits = all.ToString();
        var trimmed = digits.TrimStart('0');
        point -= digits.Length - trimmed.Length;
        return (trimmed.TrimEnd('0'), point);
    }
}

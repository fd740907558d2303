using System.Globalization;
using System.Text;

namespace Eventure.Internal;

/// <summary>
/// Formats a finite double exactly as Python's <c>repr(float)</c> (and so <c>json.dumps</c>) does: the
/// shortest round-trip digits, fixed notation for decimal exponents in [-4, 16), scientific otherwise
/// (<c>1e-05</c>, <c>1.5e+16</c>), and <c>.0</c> on integral values.
/// </summary>
internal static class PythonFloat
{
    public static string Format(double value)
    {
        var builder = new StringBuilder(24);
        Append(builder, value);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, double value)
    {
        Span<char> digits = stackalloc char[32];
        var (count, decimalPoint, negative) = Decompose(value, digits);
        if (negative)
        {
            builder.Append('-');
        }

        if (count == 0)
        {
            builder.Append("0.0");
            return;
        }

        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0)
            {
                builder.Append("0.").Append('0', -decimalPoint).Append(digits[..count]);
            }
            else if (decimalPoint < count)
            {
                builder.Append(digits[..decimalPoint]).Append('.').Append(digits[decimalPoint..count]);
            }
            else
            {
                builder.Append(digits[..count]).Append('0', decimalPoint - count).Append(".0");
            }

            return;
        }

        builder.Append(digits[0]);
        if (count > 1)
        {
            builder.Append('.').Append(digits[1..count]);
        }

        var exponent = decimalPoint - 1;
        builder.Append('e').Append(exponent < 0 ? '-' : '+');
        var magnitude = Math.Abs(exponent);
        if (magnitude < 10)
        {
            builder.Append('0');
        }

        builder.Append(magnitude.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Splits the shortest round-trip form into significant digits (no leading or trailing zeros) and the
    /// position of the decimal point relative to them: value = 0.DIGITS × 10^decimalPoint.
    /// </summary>
    private static (int Count, int DecimalPoint, bool Negative) Decompose(double value, Span<char> digits)
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var count = 0;
        var pointAt = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                pointAt = count;
                continue;
            }

            digits[count++] = c;
        }

        var decimalPoint = (pointAt < 0 ? count : pointAt) + exponent;
        var start = 0;
        while (start < count && digits[start] == '0')
        {
            start++;
            decimalPoint--;
        }

        var end = count;
        while (end > start && digits[end - 1] == '0')
        {
            end--;
        }

        if (start == end)
        {
            return (0, 0, negative);
        }

        digits[start..end].CopyTo(digits);
        return (end - start, decimalPoint, negative);
    }
}

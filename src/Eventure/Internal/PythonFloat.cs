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
    /// <summary>Room for any formatted double (17 digits, sign, point, exponent, padding zeros).</summary>
    public const int MaxLength = 32;

    public static string Format(double value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(text[..Format(value, text)]);
    }

    public static void Append(StringBuilder builder, double value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        Span<char> chars = stackalloc char[MaxLength];
        var length = Format(value, text);
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)text[i];
        }

        builder.Append(chars[..length]);
    }

    /// <summary>Writes the ASCII text into <paramref name="destination"/> (<see cref="MaxLength"/> bytes); returns its length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        // Fast path: where both .NET and Python use fixed notation, the shortest round-trip digits are the same
        // text, except that Python marks an integral value with ".0".
        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-4 and < 1e15
            && value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture)
            && destination[..written].IndexOfAny((byte)'E', (byte)'e') < 0)
        {
            if (destination[..written].IndexOf((byte)'.') < 0)
            {
                destination[written++] = (byte)'.';
                destination[written++] = (byte)'0';
            }

            return written;
        }

        return FormatGeneral(value, destination);
    }

    internal static int FormatGeneral(double value, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[MaxLength];
        var (count, decimalPoint, negative) = Decompose(value, digits);
        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        if (count == 0)
        {
            return at + Put(destination[at..], "0.0"u8);
        }

        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0)
            {
                at += Put(destination[at..], "0."u8);
                destination.Slice(at, -decimalPoint).Fill((byte)'0');
                at += -decimalPoint;
                at += Put(destination[at..], digits[..count]);
            }
            else if (decimalPoint < count)
            {
                at += Put(destination[at..], digits[..decimalPoint]);
                destination[at++] = (byte)'.';
                at += Put(destination[at..], digits[decimalPoint..count]);
            }
            else
            {
                at += Put(destination[at..], digits[..count]);
                destination.Slice(at, decimalPoint - count).Fill((byte)'0');
                at += decimalPoint - count;
                at += Put(destination[at..], ".0"u8);
            }

            return at;
        }

        destination[at++] = digits[0];
        if (count > 1)
        {
            destination[at++] = (byte)'.';
            at += Put(destination[at..], digits[1..count]);
        }

        var exponent = decimalPoint - 1;
        destination[at++] = (byte)'e';
        destination[at++] = exponent < 0 ? (byte)'-' : (byte)'+';
        var size = Math.Abs(exponent);
        if (size < 10)
        {
            destination[at++] = (byte)'0';
        }

        size.TryFormat(destination[at..], out var written, provider: CultureInfo.InvariantCulture);
        return at + written;
    }

    private static int Put(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>
    /// Splits the shortest round-trip form into significant digits (no leading or trailing zeros) and the
    /// position of the decimal point relative to them: value = 0.DIGITS × 10^decimalPoint.
    /// </summary>
    private static (int Count, int DecimalPoint, bool Negative) Decompose(double value, Span<byte> digits)
    {
        Span<byte> text = stackalloc byte[40];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny((byte)'E', (byte)'e');
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

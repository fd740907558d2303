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
        var at = 0;
        if (double.IsNegative(value))
        {
            destination[at++] = (byte)'-';
        }

        if (value == 0)
        {
            return at + Put(destination[at..], "0.0"u8);
        }

        var (significand, exponent) = ShortestDecimal.Of(value);
        while (significand % 10 == 0)
        {
            significand /= 10;
            exponent++;
        }

        // The digits go straight to where they belong. Where the point goes relative to them: value = 0.DIGITS × 10^point.
        var count = AsciiDigits.Count(significand);
        var decimalPoint = count + exponent;
        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0)
            {
                at += Put(destination[at..], "0."u8);
                destination.Slice(at, -decimalPoint).Fill((byte)'0');
                at += -decimalPoint;
                return at + AsciiDigits.Write(significand, destination[at..]);
            }

            if (decimalPoint < count)
            {
                // Split at the point: the digits before it, then the fraction with its leading zeros.
                var scale = AsciiDigits.PowerOf10(count - decimalPoint);
                at += AsciiDigits.Write(significand / scale, destination[at..]);
                destination[at++] = (byte)'.';
                AsciiDigits.WritePadded(significand % scale, count - decimalPoint, destination[at..]);
                return at + count - decimalPoint;
            }

            at += AsciiDigits.Write(significand, destination[at..]);
            destination.Slice(at, decimalPoint - count).Fill((byte)'0');
            at += decimalPoint - count;
            return at + Put(destination[at..], ".0"u8);
        }

        if (count > 1)
        {
            var scale = AsciiDigits.PowerOf10(count - 1);
            destination[at++] = (byte)('0' + (int)(significand / scale));
            destination[at++] = (byte)'.';
            AsciiDigits.WritePadded(significand % scale, count - 1, destination[at..]);
            at += count - 1;
        }
        else
        {
            destination[at++] = (byte)('0' + (int)significand);
        }

        var power = decimalPoint - 1;
        destination[at++] = (byte)'e';
        destination[at++] = power < 0 ? (byte)'-' : (byte)'+';
        var size = Math.Abs(power);
        if (size < 10)
        {
            destination[at++] = (byte)'0';
        }

        return at + AsciiDigits.Write((ulong)size, destination[at..]);
    }

    private static int Put(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}

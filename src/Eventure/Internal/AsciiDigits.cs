using System.Numerics;

namespace Eventure.Internal;

/// <summary>Writes decimal integers as ASCII bytes, two digits per step.</summary>
internal static class AsciiDigits
{
    /// <summary>The longest text <see cref="Write(long, Span{byte})"/> writes (sign and 19 digits).</summary>
    public const int MaxInt64Length = 20;

    private static ReadOnlySpan<byte> Pairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> in decimal; returns how many bytes.</summary>
    public static int Write(long value, Span<byte> destination)
    {
        if (value >= 0)
        {
            return Write((ulong)value, destination);
        }

        destination[0] = (byte)'-';
        return 1 + Write(unchecked((ulong)-value), destination[1..]);
    }

    /// <summary>Writes <paramref name="value"/> in decimal (at most 20 digits); returns how many bytes.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        var count = Count(value);
        var at = count;
        var digits = destination[..count];
        var pairs = Pairs;

        // Eight digits at a time in 32-bit arithmetic, which divides faster than 64-bit.
        while (value >= 100_000_000)
        {
            var low = (uint)(value % 100_000_000);
            value /= 100_000_000;
            for (var i = 0; i < 4; i++)
            {
                var pair = (int)(low % 100) * 2;
                low /= 100;
                digits[--at] = pairs[pair + 1];
                digits[--at] = pairs[pair];
            }
        }

        var rest = (uint)value;
        while (rest >= 100)
        {
            var pair = (int)(rest % 100) * 2;
            rest /= 100;
            digits[--at] = pairs[pair + 1];
            digits[--at] = pairs[pair];
        }

        if (rest >= 10)
        {
            digits[1] = pairs[((int)rest * 2) + 1];
            digits[0] = pairs[(int)rest * 2];
        }
        else
        {
            digits[0] = (byte)('0' + (int)rest);
        }

        return count;
    }

    /// <summary>Writes <paramref name="value"/> (below 10^<paramref name="width"/>) in exactly <paramref name="width"/> digits, zeros first.</summary>
    public static void WritePadded(ulong value, int width, Span<byte> destination)
    {
        var zeros = width - Count(value);
        destination[..zeros].Fill((byte)'0');
        Write(value, destination[zeros..]);
    }

    /// <summary>10^<paramref name="power"/>, for 0 ≤ power ≤ 19.</summary>
    public static ulong PowerOf10(int power) => PowersOf10[power];

    /// <summary>How many decimal digits <paramref name="value"/> has.</summary>
    public static int Count(ulong value)
    {
        // floor(log10) from the bit length, corrected by one comparison (0 counts as 1, which has one digit).
        var nonZero = value | 1;
        var guess = ((64 - BitOperations.LeadingZeroCount(nonZero)) * 1233) >> 12;
        return guess + (nonZero >= PowersOf10[guess] ? 1 : 0);
    }

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];
}

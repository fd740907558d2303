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
        var pairs = Pairs;
        while (value >= 100)
        {
            var pair = (int)(value % 100) * 2;
            value /= 100;
            destination[--at] = pairs[pair + 1];
            destination[--at] = pairs[pair];
        }

        if (value >= 10)
        {
            destination[1] = pairs[((int)value * 2) + 1];
            destination[0] = pairs[(int)value * 2];
        }
        else
        {
            destination[0] = (byte)('0' + (int)value);
        }

        return count;
    }

    /// <summary>How many decimal digits <paramref name="value"/> has.</summary>
    public static int Count(ulong value)
    {
        var count = 1;
        while (value >= 10_000)
        {
            value /= 10_000;
            count += 4;
        }

        return count + (value >= 1000 ? 3 : value >= 100 ? 2 : value >= 10 ? 1 : 0);
    }
}

using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Eventure.Internal;

/// <summary>
/// The shortest decimal that reads back as a given double (the digits of Python's <c>repr(float)</c> and of
/// .NET's round-trip format), found with the Schubfach algorithm (R. Giulietti, "The Schubfach way to render
/// doubles", 2020): a handful of 64-bit multiplications and no loop over digits, several times faster than
/// <c>double.TryFormat</c>. Among shortest candidates it picks the one closest to the exact value (ties to
/// even digits), as Python does.
/// </summary>
internal static class ShortestDecimal
{
    private const int Precision = 53;
    private const int MinExponent = -1074;
    private const ulong MinSignificand = 1UL << (Precision - 1);
    private const int MinK = -324;
    private const int MaxK = 292;
    private const ulong Mask63 = (1UL << 63) - 1;

    // g(k) = floor(10^-k × 2^(125 - floor(log2 10^-k))) + 1, 126 bits, split into two 63-bit halves per k.
    private static readonly ulong[] G = CreateTable();

    /// <summary>
    /// Splits a finite, positive double into the shortest round-trip decimal <c>significand × 10^exponent</c>.
    /// The significand may end in zeros.
    /// </summary>
    public static (ulong Significand, int Exponent) Of(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var fraction = bits & (MinSignificand - 1);
        var biased = (int)(bits >> (Precision - 1)) & 0x7FF;
        if (biased != 0)
        {
            // Normal: value = c × 2^q with q = biased - 1075.
            var shift = -MinExponent + 1 - biased;
            var c = MinSignificand | fraction;
            if (shift is > 0 and < Precision)
            {
                // A small integer: its digits are the answer.
                var integer = c >> shift;
                if (integer << shift == c)
                {
                    return (integer, 0);
                }
            }

            return Decimal(-shift, c);
        }

        return Subnormal(value);
    }

    /// <summary>
    /// Subnormals have so few significant bits that the shortest decimal can be two or more digits shorter
    /// than the search's candidates; they are rare enough to take the runtime's round-trip text apart instead.
    /// </summary>
    private static (ulong, int) Subnormal(double value)
    {
        Span<char> shortest = stackalloc char[32];
        Math.Abs(value).TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture);
        shortest = shortest[..written];
        var exponent = 0;
        var e = shortest.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }

        ulong significand = 0;
        var point = shortest.IndexOf('.');
        foreach (var c in shortest)
        {
            if (c != '.')
            {
                significand = (significand * 10) + (ulong)(c - '0');
            }
        }

        return (significand, exponent - (point < 0 ? 0 : shortest.Length - point - 1));
    }

    private static (ulong, int) Decimal(int q, ulong c)
    {
        var odd = c & 1;
        var cb = c << 2;
        var cbr = cb + 2;
        ulong cbl;
        int k;
        if (c != MinSignificand || q == MinExponent)
        {
            cbl = cb - 2;
            k = FloorLog10Pow2(q);
        }
        else
        {
            cbl = cb - 1;
            k = FloorLog10ThreeQuartersPow2(q);
        }

        var h = q + FloorLog2Pow10(-k) + 2;
        var g1 = G[(k - MinK) << 1];
        var g0 = G[((k - MinK) << 1) | 1];
        var vb = RoundToOdd(g1, g0, cb << h);
        var vbl = RoundToOdd(g1, g0, cbl << h);
        var vbr = RoundToOdd(g1, g0, cbr << h);

        var s = vb >> 2;
        if (s >= 100)
        {
            // s' = floor(s / 10): is 10 s' or 10 s' + 10 alone in the rounding interval?
            var sp10 = 10 * Math.BigMul(s, 115_292_150_460_684_698UL << 4, out _);
            var tp10 = sp10 + 10;
            var upin = vbl + odd <= sp10 << 2;
            var wpin = (tp10 << 2) + odd <= vbr;
            if (upin != wpin)
            {
                return (upin ? sp10 : tp10, k);
            }
        }

        var t = s + 1;
        var uin = vbl + odd <= s << 2;
        var win = (t << 2) + odd <= vbr;
        if (uin != win)
        {
            return (uin ? s : t, k);
        }

        // Both are in the interval: the closer one, ties to the even one.
        var cmp = (long)(vb - ((s + t) << 1));
        return (cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t, k);
    }

    /// <summary>The 126-bit g times <paramref name="cp"/>, shifted down by 126 bits and rounded to odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RoundToOdd(ulong g1, ulong g0, ulong cp)
    {
        var x1 = Math.BigMul(g0, cp, out _);
        var y1 = Math.BigMul(g1, cp, out var y0);
        var z = (y0 >> 1) + x1;
        var vbp = y1 + (z >> 63);
        return vbp | (((z & Mask63) + Mask63) >> 63);
    }

    private static int FloorLog10Pow2(int e) => (int)((e * 661_971_961_083L) >> 41);

    private static int FloorLog10ThreeQuartersPow2(int e) => (int)(((e * 661_971_961_083L) - 274_743_187_321L) >> 41);

    private static int FloorLog2Pow10(int e) => (int)((e * 913_124_641_741L) >> 38);

    private static ulong[] CreateTable()
    {
        var table = new ulong[(MaxK - MinK + 1) * 2];
        for (var k = MinK; k <= MaxK; k++)
        {
            // 10^-k = beta × 2^r with 2^125 <= beta < 2^126.
            var e = -k;
            var r = FloorLog2Pow10(e) - 125;
            var numerator = e >= 0 ? BigInteger.Pow(10, e) : BigInteger.One;
            var denominator = e >= 0 ? BigInteger.One : BigInteger.Pow(10, -e);
            if (r < 0)
            {
                numerator <<= -r;
            }
            else
            {
                denominator <<= r;
            }

            var g = (numerator / denominator) + 1;
            table[(k - MinK) << 1] = (ulong)(g >> 63);
            table[((k - MinK) << 1) | 1] = (ulong)(g & Mask63);
        }

        return table;
    }
}

using System.Numerics;

namespace Registra.CorporateActions.Waterfall;

/// <summary>
/// Rounds shares of a whole number of minor units down, then gives the units left over one each to
/// the largest remainders, ties going to the lower index. The results always sum to the total.
/// </summary>
public static class LargestRemainder
{
    /// <summary>Rounds exact parts whose sum is the integer <paramref name="total"/>.</summary>
    /// <exception cref="ArgumentException">The parts do not sum to <paramref name="total"/>.</exception>
    public static long[] Round(IReadOnlyList<Rational> parts, long total)
    {
        var result = new long[parts.Count];
        var remainders = new Rational[parts.Count];
        long floors = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var floor = parts[i].Floor();
            result[i] = (long)floor;
            remainders[i] = parts[i] - Rational.FromInteger(floor);
            floors = checked(floors + result[i]);
        }

        var left = total - floors;
        if (left < 0 || left > parts.Count)
        {
            throw new ArgumentException($"The parts sum to {floors} plus remainders, which cannot round to the total {total}.", nameof(parts));
        }

        var order = Enumerable.Range(0, parts.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)left);
        foreach (var i in order)
        {
            result[i]++;
        }

        return result;
    }

    /// <summary>
    /// Splits <paramref name="total"/> minor units pro rata to <paramref name="weights"/> (all at least
    /// zero, with a positive sum) into <paramref name="result"/>, in time linear in the number of weights.
    /// <paramref name="scratch"/> must be at least as long as the weights.
    /// </summary>
    public static void Split(long total, ReadOnlySpan<Int128> weights, Int128 weightSum, Span<long> result, Span<Int128> scratch)
    {
        // Exact while total * weightSum fits in 127 bits; larger products take the BigInteger path.
        if (weightSum > Int128.MaxValue / Math.Max(1, Math.Abs(total)))
        {
            SplitWide(total, weights, weightSum, result);
            return;
        }

        long floors = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var product = total * weights[i];
            var quotient = product / weightSum;
            result[i] = (long)quotient;
            scratch[i] = product - (quotient * weightSum);
            floors += result[i];
        }

        GiveLeftOver((int)(total - floors), scratch[..weights.Length], result);
    }

    /// <summary>
    /// The same split in 64-bit arithmetic, for when <paramref name="total"/> times
    /// <paramref name="weightSum"/> fits in a long; about twice as fast as the 128-bit version.
    /// </summary>
    public static void Split(long total, ReadOnlySpan<long> weights, long weightSum, Span<long> result, Span<long> scratch)
    {
        if (weightSum > long.MaxValue / Math.Max(1, Math.Abs(total)))
        {
            throw new ArgumentException("The products do not fit in 64 bits; use the Int128 overload.", nameof(weightSum));
        }

        // A double estimate of each quotient, corrected to the exact one, replaces a 64-bit division:
        // the estimate is off by at most a few units, and the loops below make it exact.
        var scale = (double)total / weightSum;
        long floors = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var product = total * weights[i];
            var quotient = (long)(weights[i] * scale);
            var remainder = product - (quotient * weightSum);
            while (remainder < 0)
            {
                quotient--;
                remainder += weightSum;
            }

            while (remainder >= weightSum)
            {
                quotient++;
                remainder -= weightSum;
            }

            result[i] = quotient;
            scratch[i] = remainder;
            floors += quotient;
        }

        GiveLeftOver((int)(total - floors), scratch[..weights.Length], result);
    }

    /// <summary>
    /// Gives one unit each to the <paramref name="left"/> largest remainders; among equal remainders at
    /// the threshold, to the lowest indexes. Selecting the threshold on a pooled copy avoids sorting.
    /// </summary>
    private static void GiveLeftOver<T>(int left, Span<T> remainders, Span<long> result)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        if (left == 0)
        {
            return;
        }

        var copy = System.Buffers.ArrayPool<T>.Shared.Rent(remainders.Length);
        remainders.CopyTo(copy);
        var threshold = Quickselect.KthLargest(copy.AsSpan(0, remainders.Length), left);
        System.Buffers.ArrayPool<T>.Shared.Return(copy);

        var above = 0;
        for (var i = 0; i < remainders.Length; i++)
        {
            if (remainders[i] > threshold)
            {
                result[i]++;
                above++;
            }
        }

        var atThreshold = left - above;
        for (var i = 0; i < remainders.Length && atThreshold > 0; i++)
        {
            if (remainders[i] == threshold)
            {
                result[i]++;
                atThreshold--;
            }
        }
    }

    private static void SplitWide(long total, ReadOnlySpan<Int128> weights, Int128 weightSum, Span<long> result)
    {
        var parts = new Rational[weights.Length];
        var sum = (BigInteger)weightSum;
        for (var i = 0; i < weights.Length; i++)
        {
            parts[i] = Rational.Create((BigInteger)total * (BigInteger)weights[i], sum);
        }

        Round(parts, total).CopyTo(result);
    }
}

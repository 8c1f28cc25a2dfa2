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
    /// </summary>
    public static void Split(long total, ReadOnlySpan<Int128> weights, Int128 weightSum, Span<long> result, Span<Int128> scratch)
    {
        // Exact while total * weight fits in 127 bits; larger products take the BigInteger path.
        var wide = weightSum > Int128.MaxValue / Math.Max(1, Math.Abs(total));
        if (wide)
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

        var left = (int)(total - floors);
        if (left == 0)
        {
            return;
        }

        // The left-over units go to the `left` largest remainders; among equal remainders at the
        // threshold, to the lowest indexes. Selecting the threshold avoids sorting every weight.
        var threshold = KthLargest(scratch[..weights.Length].ToArray(), left);
        var above = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (scratch[i] > threshold)
            {
                result[i]++;
                above++;
            }
        }

        var atThreshold = left - above;
        for (var i = 0; i < weights.Length && atThreshold > 0; i++)
        {
            if (scratch[i] == threshold)
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

    /// <summary>Returns the k-th largest value (k from 1) by quickselect; reorders <paramref name="values"/>.</summary>
    private static Int128 KthLargest(Int128[] values, int k)
    {
        var target = k - 1;
        var low = 0;
        var high = values.Length - 1;
        while (low < high)
        {
            var pivot = values[low + ((high - low) / 2)];
            var i = low;
            var j = high;
            while (i <= j)
            {
                while (values[i] > pivot)
                {
                    i++;
                }

                while (values[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (target <= j)
            {
                high = j;
            }
            else if (target >= i)
            {
                low = i;
            }
            else
            {
                return values[target];
            }
        }

        return values[target];
    }
}

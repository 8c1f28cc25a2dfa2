using System.Numerics;

namespace Registra.CorporateActions;

/// <summary>Selection by rank without a full sort, for the largest-remainder allocations of distributions and waterfalls.</summary>
internal static class Quickselect
{
    /// <summary>
    /// Returns the k-th largest value (k from 1) in expected linear time, reordering
    /// <paramref name="values"/>. The pivot is the median of the first, middle and last values,
    /// so values already in order do not cost quadratic time.
    /// </summary>
    public static T KthLargest<T>(Span<T> values, int k)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        var target = k - 1;
        var low = 0;
        var high = values.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var pivot = Median(values[low], values[middle], values[high]);
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

            // Now values[low..j] >= pivot, values[j+1..i-1] == pivot and values[i..high] <= pivot.
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

    private static T Median<T>(T a, T b, T c)
        where T : struct, IComparisonOperators<T, T, bool>
    {
        if (a > b)
        {
            (a, b) = (b, a);
        }

        // Now a <= b, so the median is b unless c is below it.
        if (c >= b)
        {
            return b;
        }

        return c > a ? c : a;
    }
}

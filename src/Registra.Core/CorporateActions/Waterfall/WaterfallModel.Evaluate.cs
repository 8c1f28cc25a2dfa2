using System.Numerics;

namespace Registra.CorporateActions.Waterfall;

public sealed partial class WaterfallModel
{
    /// <summary>
    /// Computes every class's payout for fixed conversion choices, in exact or fast arithmetic.
    /// Returns what no class may take, which is non-zero only when every sharing class is capped
    /// or no class shares the residual.
    /// </summary>
    private T Evaluate<T>(T exit, bool[] converted, T[] preference, T[] cap, T[] shares, T zero, Span<T> payout)
        where T : IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>, IMultiplyOperators<T, T, T>,
            IDivisionOperators<T, T, T>, IComparisonOperators<T, T, bool>
    {
        var n = _classes.Length;
        payout.Fill(zero);

        // Preferences, most senior first. A seniority that cannot be paid in full shares what is
        // left in proportion to its preference amounts, and nothing reaches the classes below it.
        var remaining = exit;
        foreach (var tier in _tiers)
        {
            var total = zero;
            foreach (var i in tier)
            {
                total = converted[i] ? total : total + preference[i];
            }

            if (!(total > zero))
            {
                continue;
            }

            var full = remaining >= total;
            foreach (var i in tier)
            {
                if (!converted[i])
                {
                    payout[i] = full ? preference[i] : preference[i] * remaining / total;
                }
            }

            remaining = full ? remaining - total : zero;
        }

        // The residual goes per as-converted share to common, converted and participating classes.
        // A capped class whose share would pass its cap is filled to the cap and leaves the pool.
        // Caps are visited from the lowest room per share up, so a class found under its cap stays under.
        Span<int> cappedOrder = stackalloc int[n];
        var cappedCount = 0;
        var weight = zero;
        for (var i = 0; i < n; i++)
        {
            if (!(_common[i] || converted[i] || _participating[i]))
            {
                continue;
            }

            weight += shares[i];
            if (_capped[i] && !converted[i])
            {
                cappedOrder[cappedCount++] = i;
            }
        }

        SortByRoomPerShare(cappedOrder[..cappedCount], cap, shares, payout);
        Span<bool> filled = stackalloc bool[n];
        foreach (var i in cappedOrder[..cappedCount])
        {
            var room = cap[i] - payout[i];
            if (!(weight > zero) || remaining * shares[i] < room * weight)
            {
                break;
            }

            payout[i] += room;
            remaining -= room;
            weight -= shares[i];
            filled[i] = true;
        }

        if (!(weight > zero))
        {
            return remaining;
        }

        for (var i = 0; i < n; i++)
        {
            if ((_common[i] || converted[i] || _participating[i]) && !filled[i])
            {
                payout[i] += shares[i] * remaining / weight;
            }
        }

        return zero;
    }

    /// <summary>Insertion sort by (cap - payout) / shares ascending, ties by index; the lists hold a few classes.</summary>
    private static void SortByRoomPerShare<T>(Span<int> order, T[] cap, T[] shares, Span<T> payout)
        where T : ISubtractionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IComparisonOperators<T, T, bool>
    {
        for (var a = 1; a < order.Length; a++)
        {
            var current = order[a];
            var b = a - 1;
            while (b >= 0 && Before(current, order[b], cap, shares, payout))
            {
                order[b + 1] = order[b];
                b--;
            }

            order[b + 1] = current;
        }
    }

    private static bool Before<T>(int x, int y, T[] cap, T[] shares, Span<T> payout)
        where T : ISubtractionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IComparisonOperators<T, T, bool>
    {
        var left = (cap[x] - payout[x]) * shares[y];
        var right = (cap[y] - payout[y]) * shares[x];
        return left < right || (left == right && x < y);
    }
}

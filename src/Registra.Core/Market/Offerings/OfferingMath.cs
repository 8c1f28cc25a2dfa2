using Registra.CorporateActions.Distributions;

namespace Registra.Market.Offerings;

/// <summary>One subscription as input to the allocation: whole lots requested and its place in the queue.</summary>
public readonly record struct AllocationRequest(string IdentityId, Int128 Lots, long Priority);

/// <summary>
/// Pro rata allocation of an offering in whole lots, exact and deterministic. The rule, in order:
/// <list type="number">
/// <item>When the lots requested fit in the lots on offer, every subscription gets its request.</item>
/// <item>Otherwise each share is lots on offer times lots requested divided by all lots requested,
/// rounded down. A subscription whose share is below the minimum gets nothing and leaves the
/// denominator, so the others' shares grow. The smallest subscriptions leave first, and among equal
/// ones the later in the queue. The shares are recomputed each time, until every remaining share
/// reaches the minimum.</item>
/// <item>The lots left by rounding down go one each to the largest remainders. Equal remainders go
/// to the earlier subscription in the queue, then to the lower identity id (ordinal).</item>
/// </list>
/// </summary>
public static class OfferingMath
{
    /// <summary>
    /// Returns the lots allocated to each request, in the order given. The sum never exceeds
    /// <paramref name="lotsOnOffer"/>, no allocation exceeds its request, and every non-zero
    /// allocation is at least <paramref name="minimumLots"/>.
    /// </summary>
    /// <param name="minimumLots">Smallest allocation; every request must ask for at least this many.</param>
    /// <exception cref="ArgumentException">A request is for fewer lots than the minimum, or the minimum is not positive.</exception>
    public static Int128[] Allocate(IReadOnlyList<AllocationRequest> requests, Int128 lotsOnOffer, Int128 minimumLots)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumLots);
        ArgumentOutOfRangeException.ThrowIfNegative(lotsOnOffer);
        var allocated = new Int128[requests.Count];
        var demand = Int128.Zero;
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].Lots < minimumLots)
            {
                throw new ArgumentException($"Request {requests[i].IdentityId} requests {requests[i].Lots} lots, below the minimum of {minimumLots}; raise it to the minimum or leave it out.", nameof(requests));
            }

            demand = checked(demand + requests[i].Lots);
        }

        // Undersubscribed: everyone gets its request.
        if (demand <= lotsOnOffer)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                allocated[i] = requests[i].Lots;
            }

            return allocated;
        }

        var kept = KeepAboveMinimum(requests, lotsOnOffer, minimumLots, demand, out var keptDemand);
        if (kept.Count == 0)
        {
            return allocated;
        }

        if (keptDemand <= lotsOnOffer)
        {
            foreach (var i in kept)
            {
                allocated[i] = requests[i].Lots;
            }

            return allocated;
        }

        ShareProRata(requests, kept, lotsOnOffer, keptDemand, allocated);
        return allocated;
    }

    /// <summary>
    /// Drops the smallest requests while the smallest remaining share is below the minimum, and
    /// returns the indexes kept, in the order given. Shares only grow as requests leave, and a larger
    /// request never has a smaller share, so only requests whose share among all is below the
    /// minimum can leave, and one pass over them sorted by size is enough.
    /// </summary>
    private static List<int> KeepAboveMinimum(IReadOnlyList<AllocationRequest> requests, Int128 lotsOnOffer, Int128 minimumLots,
        Int128 demand, out Int128 keptDemand)
    {
        var small = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (DistributionMath.MultiplyDivide(lotsOnOffer, requests[i].Lots, demand).Quotient < minimumLots)
            {
                small.Add(i);
            }
        }

        // Smallest first; among equal sizes the later subscription first, so it leaves first.
        small.Sort((a, b) =>
        {
            var order = requests[a].Lots.CompareTo(requests[b].Lots);
            return order != 0 ? order : requests[b].Priority.CompareTo(requests[a].Priority);
        });

        var dropped = new HashSet<int>();
        keptDemand = demand;
        foreach (var i in small)
        {
            if (keptDemand <= lotsOnOffer || DistributionMath.MultiplyDivide(lotsOnOffer, requests[i].Lots, keptDemand).Quotient >= minimumLots)
            {
                break;
            }

            keptDemand -= requests[i].Lots;
            dropped.Add(i);
        }

        var kept = new List<int>(requests.Count - dropped.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            if (!dropped.Contains(i))
            {
                kept.Add(i);
            }
        }

        return kept;
    }

    /// <summary>
    /// Rounds each share down, then hands the lots left over to the largest remainders. The cut-off
    /// remainder is found by selection in linear time on average, so only the requests tied at it
    /// are sorted by queue place and identity id.
    /// </summary>
    private static void ShareProRata(IReadOnlyList<AllocationRequest> requests, List<int> kept, Int128 lotsOnOffer, Int128 keptDemand,
        Int128[] allocated)
    {
        var remainders = new Int128[requests.Count];
        var given = Int128.Zero;
        foreach (var i in kept)
        {
            (allocated[i], remainders[i]) = DistributionMath.MultiplyDivide(lotsOnOffer, requests[i].Lots, keptDemand);
            given += allocated[i];
        }

        // Each share lost less than one lot, so fewer lots than kept requests are left, and only
        // requests with a positive remainder (whose share is below their request) receive one.
        var left = (int)(lotsOnOffer - given);
        if (left == 0)
        {
            return;
        }

        var keptRemainders = new Int128[kept.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            keptRemainders[k] = remainders[kept[k]];
        }

        var threshold = CorporateActions.Quickselect.KthLargest(keptRemainders.AsSpan(), left);
        var tied = new List<int>();
        foreach (var i in kept)
        {
            if (remainders[i] > threshold)
            {
                allocated[i]++;
                left--;
            }
            else if (remainders[i] == threshold)
            {
                tied.Add(i);
            }
        }

        tied.Sort((a, b) =>
        {
            var order = requests[a].Priority.CompareTo(requests[b].Priority);
            return order != 0 ? order : string.CompareOrdinal(requests[a].IdentityId, requests[b].IdentityId);
        });
        for (var k = 0; k < left; k++)
        {
            allocated[tied[k]]++;
        }
    }
}

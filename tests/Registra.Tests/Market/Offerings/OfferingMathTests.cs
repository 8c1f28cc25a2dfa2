using CsCheck;
using Registra.Market.Offerings;

namespace Registra.Tests.Market.Offerings;

public sealed class OfferingMathTests
{
    private static AllocationRequest[] Requests(params long[] lots) =>
        lots.Select((count, i) => new AllocationRequest($"id{i}", count, i + 1)).ToArray();

    private static long[] Allocate(AllocationRequest[] requests, long onOffer, long minimum = 1) =>
        OfferingMath.Allocate(requests, onOffer, minimum).Select(lots => (long)lots).ToArray();

    [Fact]
    public void Allocate_Undersubscribed_GivesEachRequest()
    {
        Assert.Equal([300L, 200], Allocate(Requests(300, 200), 1000));
    }

    [Fact]
    public void Allocate_Oversubscribed_RoundsDownThenLargestRemainder()
    {
        Assert.Equal([400L, 333, 267], Allocate(Requests(600, 500, 400), 1000));
    }

    [Fact]
    public void Allocate_EqualRemainders_GoToEarlierPriority()
    {
        var requests = new[] { new AllocationRequest("a", 5, 3), new AllocationRequest("b", 5, 1), new AllocationRequest("c", 5, 2) };

        Assert.Equal([3L, 4, 3], Allocate(requests, 10));
    }

    [Fact]
    public void Allocate_EqualPriority_GoesToLowerIdentity()
    {
        var requests = new[] { new AllocationRequest("b", 5, 1), new AllocationRequest("a", 5, 1), new AllocationRequest("c", 5, 1) };

        Assert.Equal([3L, 4, 3], Allocate(requests, 10));
    }

    [Fact]
    public void Allocate_ShareBelowMinimum_DropsSmallestAndRedistributes()
    {
        Assert.Equal([50L, 50, 0], Allocate(Requests(100, 100, 10), 100, minimum: 10));
    }

    [Fact]
    public void Allocate_EqualRequestsBelowMinimum_KeepEarliest()
    {
        // Three requests of 10 for 10 on offer with a minimum of 10: the latest leaves first, then the
        // second, and the earliest alone fits whole.
        Assert.Equal([10L, 0, 0], Allocate(Requests(10, 10, 10), 10, minimum: 10));
    }

    [Fact]
    public void Allocate_DroppingOneLiftsOthersAboveMinimum()
    {
        // With all four the three shares of 14 are 9 each, below 10. The latest of them leaves, and the
        // other two become 10.94 each: 10 rounded down, plus one each for the largest remainders.
        Assert.Equal([11L, 11, 0, 78], Allocate(Requests(14, 14, 14, 100), 100, minimum: 10));
    }

    [Fact]
    public void Allocate_RequestBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentException>(() => OfferingMath.Allocate(Requests(5), 10, 10));
    }

    [Fact]
    public void Allocate_AnyRequests_KeepsTheRules()
    {
        var gen = Gen.Select(Gen.Long[1, 40].Array[0, 30], Gen.Long[1, 400], Gen.Long[1, 5]);
        gen.Sample((sizes, onOffer, minimum) =>
        {
            var requests = sizes.Select((size, i) => new AllocationRequest($"id{i:D2}", size + minimum - 1, i + 1)).ToArray();
            var allocated = Allocate(requests, onOffer, minimum);
            var demand = requests.Sum(r => (long)r.Lots);

            Assert.True(allocated.Sum() <= onOffer);
            for (var i = 0; i < requests.Length; i++)
            {
                Assert.InRange(allocated[i], 0, (long)requests[i].Lots);
                Assert.True(allocated[i] == 0 || allocated[i] >= minimum);
            }

            if (demand <= onOffer)
            {
                Assert.Equal(requests.Select(r => (long)r.Lots), allocated);
            }

            // A larger request never gets less than a smaller one.
            for (var i = 0; i < requests.Length; i++)
            {
                for (var j = 0; j < requests.Length; j++)
                {
                    Assert.True(requests[i].Lots <= requests[j].Lots || allocated[i] >= allocated[j]);
                }
            }

            // The order the requests arrive in changes nothing: priority and identity decide.
            var reversed = Allocate(requests.Reverse().ToArray(), onOffer, minimum).Reverse().ToArray();
            Assert.Equal(allocated, reversed);
            Assert.Equal(Reference(requests, onOffer, minimum), allocated);
        });
    }

    [Fact]
    public void Allocate_ManyEqualRemainders_MatchesReference()
    {
        // Equal requests give equal remainders, so the queue decides who gets the lots left over.
        Gen.Select(Gen.Long[1, 4].Array[50, 300], Gen.Long[10, 500]).Sample((sizes, onOffer) =>
        {
            var requests = sizes.Select((size, i) => new AllocationRequest($"id{i:D3}", size, (i * 7919) % 1000)).ToArray();

            Assert.Equal(Reference(requests, onOffer, 1), Allocate(requests, onOffer));
        });
    }

    /// <summary>
    /// The allocation rule written as plainly as possible: drop the smallest request (the later one
    /// among equals) one at a time while its share is below the minimum, then sort every remainder.
    /// </summary>
    private static long[] Reference(AllocationRequest[] requests, long onOffer, long minimum)
    {
        var kept = Enumerable.Range(0, requests.Length)
            .OrderBy(i => (long)requests[i].Lots).ThenByDescending(i => requests[i].Priority).ToList();
        var allocated = new long[requests.Length];
        while (kept.Count > 0)
        {
            var demand = kept.Sum(i => (long)requests[i].Lots);
            if (demand <= onOffer)
            {
                kept.ForEach(i => allocated[i] = (long)requests[i].Lots);
                return allocated;
            }

            if ((long)requests[kept[0]].Lots * onOffer / demand >= minimum)
            {
                var remainders = kept.ToDictionary(i => i, i => (long)requests[i].Lots * onOffer % demand);
                kept.ForEach(i => allocated[i] = (long)requests[i].Lots * onOffer / demand);
                var left = onOffer - allocated.Sum();
                foreach (var i in kept.OrderByDescending(i => remainders[i]).ThenBy(i => requests[i].Priority)
                    .ThenBy(i => requests[i].IdentityId, StringComparer.Ordinal).Take((int)left))
                {
                    allocated[i]++;
                }

                return allocated;
            }

            kept.RemoveAt(0);
        }

        return allocated;
    }
}

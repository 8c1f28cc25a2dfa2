using CsCheck;
using Registra.CorporateActions;
using Registra.CorporateActions.Waterfall;
using static Registra.Tests.CorporateActions.WaterfallBuilder;

namespace Registra.Tests.CorporateActions;

/// <summary>Properties of waterfalls over random cap tables: exact sums, no negatives, order independence, monotone payouts.</summary>
public sealed class WaterfallPropertyTests
{
    private const long Iterations = 300;

    private static readonly string[] Multiples = ["0", "0.5", "1", "1.5", "2", "3"];
    private static readonly string[] Ratios = ["1/2", "1/1", "3/2", "2", "7/3"];

    private static readonly Gen<(string Holder, long Shares)[]> Holdings =
        Gen.Select(Gen.Int[1, 6], Gen.Long[1, 2_000_000]).Array[1, 4]
            .Select(items => items.Select(item => ($"holder-{item.Item1}", item.Item2)).ToArray());

    private static readonly Gen<Dictionary<string, string>> PreferredTerms =
        Gen.Select(Gen.Int[0, Multiples.Length - 1], Gen.Long[0, 20_000_000], Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 4], Gen.Int[0, 3])
            .Select(t =>
            {
                var multiple = Multiples[t.Item1];
                var cap = t.Item4 == 2 ? (decimal.Parse(multiple, System.Globalization.CultureInfo.InvariantCulture) + t.Item6).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                return Preferred(t.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture), multiple, t.Item3.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    cap, participating: t.Item4 > 0, Ratios[t.Item5]);
            });

    private static readonly Gen<List<WaterfallClass>> CapTables =
        Gen.Select(Gen.Bool, Holdings, Gen.Select(PreferredTerms, Holdings).Array[1, 5])
            .Select(t =>
            {
                var classes = new List<WaterfallClass>();
                if (t.Item1)
                {
                    classes.Add(Class("common", new Dictionary<string, string> { ["class_type"] = "COMMON" }, t.Item2));
                }

                for (var i = 0; i < t.Item3.Length; i++)
                {
                    classes.Add(Class($"class-{i}", t.Item3[i].Item1, t.Item3[i].Item2));
                }

                return classes;
            });

    private static readonly Gen<long[]> Exits = Gen.Long[0, 100_000_000_00].Array[1, 6];

    [Fact]
    public void RandomCapTable_Payouts_SumToExitAndNeverNegative()
    {
        Gen.Select(CapTables, Exits).Sample((classes, exits) =>
        {
            var model = WaterfallModel.Create(classes, Usd);
            foreach (var exit in exits)
            {
                var outcome = model.Compute(exit);
                var holders = model.AllocateHolders(outcome);

                Assert.Equal(exit, outcome.Classes.Sum(c => c.Payout));
                Assert.Equal(Rational.FromInteger(exit), outcome.Classes.Aggregate(Rational.Zero, (sum, c) => sum + c.Exact));
                Assert.All(outcome.Classes, c => Assert.True(c.Payout >= 0 && c.Exact.Sign >= 0, $"{c.SecurityId} got {c.Exact}"));
                Assert.Equal(exit, holders.Sum(h => h.Total));
                Assert.All(holders, h => Assert.True(h.Total >= 0, $"{h.HolderId} got {h.Total}"));
                foreach (var payout in outcome.Classes)
                {
                    Assert.Equal(payout.Payout, holders.Sum(h => h.ByClass.GetValueOrDefault(payout.SecurityId)));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RandomCapTable_NoClass_GainsBySwitching()
    {
        Gen.Select(CapTables, Exits).Sample((classes, exits) =>
        {
            var model = WaterfallModel.Create(classes, Usd);
            foreach (var exit in exits)
            {
                var outcome = model.Compute(exit);
                var converted = outcome.Classes.Select(c => c.Converted).ToArray();
                for (var i = 0; i < converted.Length; i++)
                {
                    if (model.Classes[i].Terms.IsCommon)
                    {
                        continue;
                    }

                    converted[i] = !converted[i];
                    var switched = model.ComputeExact(exit, converted)[i];
                    converted[i] = !converted[i];

                    Assert.True(switched <= outcome.Classes[i].Exact,
                        $"{outcome.Classes[i].SecurityId} would get {switched.ToDecimalString(4)} instead of {outcome.Classes[i].Exact.ToDecimalString(4)} at {exit} by switching");
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RandomCapTable_ClassOrder_DoesNotChangeResult()
    {
        Gen.Select(CapTables, Exits, Gen.Int).Sample((classes, exits, seed) =>
        {
            var shuffled = classes.ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
            var original = WaterfallModel.Create(classes, Usd);
            var reordered = WaterfallModel.Create(shuffled, Usd);
            foreach (var exit in exits)
            {
                var first = original.Compute(exit);
                var second = reordered.Compute(exit);

                Assert.Equal(first.Classes.Select(c => (c.SecurityId, c.Payout, c.Converted)), second.Classes.Select(c => (c.SecurityId, c.Payout, c.Converted)));
                Assert.Equal(original.AllocateHolders(first).Select(h => (h.HolderId, h.Total)), reordered.AllocateHolders(second).Select(h => (h.HolderId, h.Total)));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RandomCapTable_ClassPayout_MonotoneInExit()
    {
        // A grid of exits close together, so conversion and cap thresholds fall between neighbours.
        Gen.Select(CapTables, Gen.Long[1, 400_000_000]).Sample((classes, step) =>
        {
            var model = WaterfallModel.Create(classes, Usd);
            var sorted = Enumerable.Range(0, 80).Select(k => k * step).ToArray();
            WaterfallOutcome? previous = null;
            foreach (var exit in sorted)
            {
                var outcome = model.Compute(exit);
                if (previous is not null)
                {
                    for (var i = 0; i < outcome.Classes.Count; i++)
                    {
                        var before = previous.Classes[i];
                        var after = outcome.Classes[i];
                        Assert.True(after.Exact >= before.Exact,
                            $"{after.SecurityId} fell from {before.Exact.ToDecimalString(4)} at {previous.Exit} to {after.Exact.ToDecimalString(4)} at {exit}");

                        // Rounding can move one minor unit between classes, never more.
                        Assert.True(after.Payout >= before.Payout - 1, $"{after.SecurityId} rounded payout fell from {before.Payout} to {after.Payout}");
                    }
                }

                previous = outcome;
            }
        }, iter: Iterations);
    }
}

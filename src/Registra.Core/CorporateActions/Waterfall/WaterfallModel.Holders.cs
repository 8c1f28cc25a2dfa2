using Registra.Amounts;

namespace Registra.CorporateActions.Waterfall;

public sealed partial class WaterfallModel
{
    /// <summary>
    /// Splits each class's rounded payout among its holders in proportion to their units, by largest
    /// remainder with ties to the lower holder id, so each class's holder payouts sum to its payout.
    /// Returns one entry per holder, ordered by holder id.
    /// </summary>
    public IReadOnlyList<HolderPayout> AllocateHolders(WaterfallOutcome outcome)
    {
        var perClass = new long[_classes.Length][];
        AllocateHolders(outcome, perClass);

        var totals = new long[_holders.Ids.Count];
        var byClass = new Dictionary<string, long>[_holders.Ids.Count];
        for (var c = 0; c < _classes.Length; c++)
        {
            var holders = _holders.HolderIndexes[c];
            for (var h = 0; h < holders.Length; h++)
            {
                var holder = holders[h];
                totals[holder] += perClass[c][h];
                (byClass[holder] ??= new Dictionary<string, long>(StringComparer.Ordinal))[_classes[c].SecurityId] = perClass[c][h];
            }
        }

        var result = new HolderPayout[totals.Length];
        for (var h = 0; h < totals.Length; h++)
        {
            result[h] = new HolderPayout(_holders.Ids[h], totals[h], byClass[h]);
        }

        return result;
    }

    /// <summary>
    /// Writes each class's holder payouts into <paramref name="perClass"/>[class][holder], in the
    /// order of <see cref="HolderUnits"/>, reusing the arrays when they are the right size.
    /// </summary>
    public void AllocateHolders(WaterfallOutcome outcome, long[][] perClass)
    {
        var wideScratch = (Int128[]?)null;
        var scratch = new long[_holders.MaxHoldersPerClass];
        for (var c = 0; c < _classes.Length; c++)
        {
            var units = _holders.Units[c];
            if (perClass[c] is null || perClass[c].Length != units.Length)
            {
                perClass[c] = new long[units.Length];
            }

            var payout = outcome.Classes[c].Payout;
            var total = _holders.TotalUnits[c];
            if (_holders.NarrowUnits[c] is { } narrow && (long)total <= long.MaxValue / Math.Max(1, payout))
            {
                LargestRemainder.Split(payout, narrow, (long)total, perClass[c], scratch);
                continue;
            }

            wideScratch ??= new Int128[_holders.MaxHoldersPerClass];
            LargestRemainder.Split(payout, units, total, perClass[c], wideScratch);
        }
    }

    /// <summary>Returns the holder ids of a class, in the order <see cref="AllocateHolders(WaterfallOutcome, long[][])"/> writes them.</summary>
    public IReadOnlyList<string> HolderUnits(int classIndex) => _holders.HolderIndexes[classIndex].Select(h => _holders.Ids[h]).ToArray();

    /// <summary>Each class's holders merged per holder id and sorted by it, with their units as integers.</summary>
    private sealed class HolderTable
    {
        public HolderTable(WaterfallClass[] classes)
        {
            Ids = classes.SelectMany(c => c.Holdings).Select(h => h.HolderId).Distinct().Order(StringComparer.Ordinal).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Ids.Count; i++)
            {
                index[Ids[i]] = i;
            }

            Units = new Int128[classes.Length][];
            NarrowUnits = new long[]?[classes.Length];
            HolderIndexes = new int[classes.Length][];
            TotalUnits = new Int128[classes.Length];
            for (var c = 0; c < classes.Length; c++)
            {
                var merged = classes[c].Holdings
                    .Where(h => h.Units.IsPositive)
                    .GroupBy(h => h.HolderId, StringComparer.Ordinal)
                    .Select(g => (Holder: index[g.Key], Units: g.Aggregate(Amount.Zero, (sum, h) => sum.Plus(h.Units)).Units))
                    .OrderBy(entry => entry.Holder)
                    .ToArray();
                Units[c] = merged.Select(entry => entry.Units).ToArray();
                NarrowUnits[c] = merged.Sum(entry => (double)entry.Units) < long.MaxValue / 2.0
                    ? merged.Select(entry => (long)entry.Units).ToArray()
                    : null;
                HolderIndexes[c] = merged.Select(entry => entry.Holder).ToArray();
                TotalUnits[c] = merged.Aggregate(Int128.Zero, (sum, entry) => checked(sum + entry.Units));
                MaxHoldersPerClass = Math.Max(MaxHoldersPerClass, merged.Length);
            }
        }

        public IReadOnlyList<string> Ids { get; }

        public Int128[][] Units { get; }

        /// <summary>The same units as longs, or null for a class whose total units do not fit in a long.</summary>
        public long[]?[] NarrowUnits { get; }

        public int[][] HolderIndexes { get; }

        public Int128[] TotalUnits { get; }

        public int MaxHoldersPerClass { get; }
    }
}

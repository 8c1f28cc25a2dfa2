using System.Numerics;
using Registra.Identifiers;

namespace Registra.CorporateActions.Waterfall;

/// <summary>
/// A liquidation-preference waterfall over an issuer's classes, prepared once and evaluated at any
/// number of exit values. Immutable after creation, so one model may serve concurrent callers.
/// </summary>
/// <remarks>
/// At an exit value, preferences are paid by seniority, highest first, and pari passu within a
/// seniority in proportion to the preference amounts. What is left is shared per as-converted share
/// among common classes, converted classes and participating classes. A capped class stops at its
/// cap, and its excess goes to the others. Each convertible class chooses whether to convert; see
/// <see cref="Compute"/> for how the choices are found. Classes are kept in security-id order, so
/// the order in which they are given never changes a result.
/// </remarks>
public sealed partial class WaterfallModel
{
    private readonly WaterfallClass[] _classes;
    private readonly Rational[] _preference;
    private readonly Rational[] _cap;
    private readonly Rational[] _shares;
    private readonly double[] _preferenceFast;
    private readonly double[] _capFast;
    private readonly double[] _sharesFast;
    private readonly bool[] _common;
    private readonly bool[] _participating;
    private readonly bool[] _capped;
    private readonly int[][] _tiers;
    private readonly HolderTable _holders;

    private WaterfallModel(WaterfallClass[] classes, int minorUnits)
    {
        _classes = classes;
        var n = classes.Length;
        _preference = new Rational[n];
        _cap = new Rational[n];
        _shares = new Rational[n];
        _common = new bool[n];
        _participating = new bool[n];
        _capped = new bool[n];
        var scale = Rational.FromInteger(BigInteger.Pow(10, minorUnits));
        for (var i = 0; i < n; i++)
        {
            var terms = classes[i].Terms;
            var outstanding = Outstanding(classes[i]);
            var basis = (terms.InvestedAmount ?? ((terms.PricePerShare ?? Rational.Zero) * outstanding)) * scale;
            _common[i] = terms.IsCommon;
            _participating[i] = terms.IsCommon || terms.Participating;
            _preference[i] = terms.IsCommon ? Rational.Zero : terms.PreferenceMultiple * basis;
            _capped[i] = !terms.IsCommon && terms.Participating && terms.CapMultiple is not null;
            _cap[i] = _capped[i] ? terms.CapMultiple!.Value * basis : Rational.Zero;
            _shares[i] = outstanding * terms.ConversionRatio;
        }

        _preferenceFast = _preference.Select(value => value.ToDouble()).ToArray();
        _capFast = _cap.Select(value => value.ToDouble()).ToArray();
        _sharesFast = _shares.Select(value => value.ToDouble()).ToArray();
        _tiers = Enumerable.Range(0, n)
            .Where(i => !_common[i])
            .GroupBy(i => classes[i].Terms.Seniority)
            .OrderByDescending(group => group.Key)
            .Select(group => group.ToArray())
            .ToArray();
        _holders = new HolderTable(classes);
    }

    /// <summary>The classes with shares outstanding, ordered by security id.</summary>
    public IReadOnlyList<WaterfallClass> Classes => _classes;

    /// <summary>The distinct holders, ordered by id.</summary>
    public IReadOnlyList<string> HolderIds => _holders.Ids;

    /// <summary>
    /// Prepares a waterfall. Classes with no units outstanding take no part. Amounts in the terms are
    /// in the currency's major unit; results are in its minor unit.
    /// </summary>
    /// <exception cref="ArgumentException">The currency has no minor unit, two classes share a security id, or no class has units outstanding.</exception>
    public static WaterfallModel Create(IEnumerable<WaterfallClass> classes, CurrencyCode currency)
    {
        if (currency.MinorUnits is not { } minorUnits)
        {
            throw new ArgumentException($"The currency {currency} has no minor unit, so payouts cannot be counted in it.", nameof(currency));
        }

        var list = classes.Where(c => Outstanding(c).Sign > 0).OrderBy(c => c.SecurityId, StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("No class has units outstanding, so no holder can be paid.", nameof(classes));
        }

        for (var i = 1; i < list.Length; i++)
        {
            if (list[i].SecurityId == list[i - 1].SecurityId)
            {
                throw new ArgumentException($"The class {list[i].SecurityId} is listed twice.", nameof(classes));
            }
        }

        return new WaterfallModel(list, minorUnits);
    }

    /// <summary>Returns the shares outstanding of a class: the sum of its holdings, scaled by its decimals.</summary>
    private static Rational Outstanding(WaterfallClass waterfallClass)
    {
        BigInteger units = BigInteger.Zero;
        foreach (var holding in waterfallClass.Holdings)
        {
            units += (BigInteger)holding.Units.Units;
        }

        return Rational.Create(units, BigInteger.Pow(10, waterfallClass.Decimals));
    }
}

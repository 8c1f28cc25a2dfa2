using Registra.Amounts;
using Registra.CorporateActions;
using Registra.CorporateActions.Waterfall;

namespace Registra.Api.Features.CorporateActions;

/// <summary>Turns computed waterfall outcomes into the API's view with decimal strings in the currency.</summary>
internal static class WaterfallResponse
{
    public static WaterfallView Build(string issuerId, WaterfallInput input, WaterfallModel model)
    {
        var classes = model.Classes.Select(c => DescribeClass(c, input.MinorUnits)).ToList();
        List<ClassPayoutView>? payouts = null;
        List<HolderPayoutView>? holders = null;
        if (input.ExitAmount is { } exit)
        {
            var outcome = model.Compute(exit);
            payouts = outcome.Classes.Select(c => new ClassPayoutView(c.SecurityId, c.Name, c.Converted, Format(c.Payout, input.MinorUnits))).ToList();
            holders = model.AllocateHolders(outcome)
                .Select(h => new HolderPayoutView(h.HolderId, Format(h.Total, input.MinorUnits),
                    h.ByClass.ToDictionary(entry => entry.Key, entry => Format(entry.Value, input.MinorUnits), StringComparer.Ordinal)))
                .ToList();
        }

        return new WaterfallView(issuerId, input.Currency.Value, input.At, classes,
            input.ExitAmount is { } amount ? Format(amount, input.MinorUnits) : null, payouts, holders, BuildSeries(model, input));
    }

    private static WaterfallSeriesView? BuildSeries(WaterfallModel model, WaterfallInput input)
    {
        if (input.ExitValues.Count == 0)
        {
            return null;
        }

        var outcomes = input.ExitValues.Select(model.Compute).ToList();
        var classes = model.Classes.Select((c, i) => new ClassSeriesView(c.SecurityId, c.Name,
            outcomes.Select(o => Format(o.Classes[i].Payout, input.MinorUnits)).ToList(),
            outcomes.Select(o => o.Classes[i].Converted).ToList())).ToList();
        return new WaterfallSeriesView(input.ExitValues.Select(v => Format(v, input.MinorUnits)).ToList(), classes);
    }

    private static WaterfallClassView DescribeClass(WaterfallClass waterfallClass, int minorUnits)
    {
        var terms = waterfallClass.Terms;
        var units = waterfallClass.Holdings.Aggregate(Amount.Zero, (sum, h) => sum.Plus(h.Units));
        var shares = Rational.Create((System.Numerics.BigInteger)units.Units, System.Numerics.BigInteger.Pow(10, waterfallClass.Decimals));
        var basis = terms.InvestedAmount ?? ((terms.PricePerShare ?? Rational.Zero) * shares);
        var preference = terms.IsCommon ? Rational.Zero : terms.PreferenceMultiple * basis;
        var cap = !terms.IsCommon && terms.Participating && terms.CapMultiple is { } multiple ? (multiple * basis).ToDecimalString(minorUnits) : null;
        return new WaterfallClassView(waterfallClass.SecurityId, waterfallClass.Name, terms.IsCommon ? "common" : "preferred", terms.Seniority,
            units.Format(waterfallClass.Decimals), preference.ToDecimalString(minorUnits), terms.IsCommon || terms.Participating, cap,
            terms.ConversionRatio.ToString());
    }

    private static string Format(long minorUnits, int decimals) => Amount.FromUnits(minorUnits).Format(decimals);
}

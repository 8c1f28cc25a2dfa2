using Registra.Amounts;
using Registra.CorporateActions.Waterfall;
using Registra.Identifiers;

namespace Registra.Tests.CorporateActions;

/// <summary>Builds waterfall classes from term dictionaries, as the API reads them from securities.</summary>
internal static class WaterfallBuilder
{
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    public static WaterfallClass Common(string id, long shares, string holder = "founder") =>
        Class(id, new Dictionary<string, string> { ["class_type"] = "COMMON" }, (holder, shares));

    public static WaterfallClass Class(string id, Dictionary<string, string> terms, params (string Holder, long Shares)[] holdings)
    {
        var (parsed, failures) = WaterfallTerms.Read(id, terms, Usd);
        Assert.True(failures.Count == 0, string.Join(" ", failures.Select(f => f.Hint)));
        return new WaterfallClass(id, id, 0, parsed!, holdings.Select(h => new WaterfallHolding(h.Holder, Amount.FromUnits(h.Shares))).ToArray());
    }

    public static Dictionary<string, string> Preferred(string invested, string multiple = "1", string seniority = "1",
        string? cap = null, bool participating = false, string ratio = "1/1")
    {
        var terms = new Dictionary<string, string>
        {
            ["class_type"] = "PREFERRED",
            ["invested_amount"] = invested + " USD",
            ["liquidation_preference_multiple"] = multiple,
            ["seniority"] = seniority,
            ["conversion_ratio"] = ratio,
            ["participating"] = participating ? "true" : "false",
        };
        if (cap is not null)
        {
            terms["participation_cap_multiple"] = cap;
        }

        return terms;
    }

    /// <summary>Returns each class's payout in whole dollars, keyed by security id.</summary>
    public static Dictionary<string, decimal> Dollars(WaterfallModel model, decimal exitDollars)
    {
        var outcome = model.Compute((long)(exitDollars * 100));
        return outcome.Classes.ToDictionary(c => c.SecurityId, c => c.Payout / 100m);
    }
}

using Registra.CorporateActions.DayCounts;
using Registra.CorporateActions.Waterfall;
using Registra.Reasons;

namespace Registra.CorporateActions;

/// <summary>Checks the terms a new security is created with, so bad coupon or liquidation terms are rejected up front.</summary>
public static class SecurityTerms
{
    /// <summary>
    /// Returns one <c>invalid_terms</c> failure per bad key: coupon terms are checked when any coupon
    /// key is present, and the liquidation terms of an equity security when any of
    /// <see cref="WaterfallTerms.Keys"/> is, because waterfalls read only equity. Other keys
    /// are free-form and not checked. A preferred class may lack its preference basis, and currencies
    /// of liquidation amounts are checked against the exit currency, only when a waterfall runs.
    /// </summary>
    public static IReadOnlyList<Failure> Check(string subject, Securities.AssetClass assetClass, IReadOnlyDictionary<string, string>? terms)
    {
        if (terms is null || terms.Count == 0)
        {
            return [];
        }

        var failures = new List<Failure>();
        if (CouponTerms.IsPresent(terms))
        {
            failures.AddRange(CouponTerms.Read(subject, terms).Failures);
        }

        if (assetClass == Securities.AssetClass.Equity && WaterfallTerms.Keys.Any(terms.ContainsKey))
        {
            failures.AddRange(WaterfallTerms.Read(subject, terms, null, requireBasis: false).Failures);
        }

        return failures;
    }
}

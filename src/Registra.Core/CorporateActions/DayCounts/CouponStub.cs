namespace Registra.CorporateActions.DayCounts;

/// <summary>Where an irregular period goes when the term is not a whole number of coupon periods.</summary>
public enum CouponStub
{
    /// <summary>Dates roll back from maturity, so a short period, if any, comes first (the usual bond convention).</summary>
    ShortFirst,

    /// <summary>Dates roll forward from the issue date, so a short period, if any, comes last.</summary>
    ShortLast,
}

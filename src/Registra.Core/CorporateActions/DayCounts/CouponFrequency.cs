namespace Registra.CorporateActions.DayCounts;

/// <summary>Coupon periods per year; the value is the number of periods.</summary>
public enum CouponFrequency
{
    Annual = 1,
    SemiAnnual = 2,
    Quarterly = 4,
    Monthly = 12,
}

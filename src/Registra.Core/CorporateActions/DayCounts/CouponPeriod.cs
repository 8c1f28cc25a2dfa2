namespace Registra.CorporateActions.DayCounts;

/// <summary>One coupon period of a schedule.</summary>
/// <param name="Number">1 for the first period.</param>
/// <param name="Start">First day of accrual (included).</param>
/// <param name="End">Last day of accrual (excluded), the unadjusted coupon date.</param>
/// <param name="PaymentDate">The coupon date moved by the business-day convention.</param>
/// <param name="Regular">False for a stub period that starts or ends off the regular coupon dates.</param>
/// <param name="YearFraction">Exact year fraction under the schedule's day count.</param>
/// <param name="ExactAmount">Face value times rate times year fraction, in minor units of the currency, before rounding.</param>
/// <param name="AmountMinorUnits">The coupon per unit in minor units, rounded half away from zero.</param>
public sealed record CouponPeriod(
    int Number,
    DateOnly Start,
    DateOnly End,
    DateOnly PaymentDate,
    bool Regular,
    int Days,
    Rational YearFraction,
    Rational ExactAmount,
    long AmountMinorUnits);

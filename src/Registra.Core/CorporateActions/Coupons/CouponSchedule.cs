using System.Numerics;
using Registra.CorporateActions.DayCounts;
using Registra.CorporateActions.Distributions;

namespace Registra.CorporateActions.Coupons;

/// <summary>One coupon period and the coupon it pays per whole unit.</summary>
/// <param name="PerUnit">Coupon per whole unit in minor units times 10^8, rounded down.</param>
public sealed record CouponPeriod(DateOnly Start, DateOnly End, int Days, int Denominator, Int128 PerUnit)
{
    /// <summary>Payment at midnight UTC of the period's end date.</summary>
    public DateTimeOffset PaymentAt => new(End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Record one day before payment, so a trade on the payment date does not change who is paid.</summary>
    public DateTimeOffset RecordAt => PaymentAt.AddDays(-1);
}

/// <summary>Builds the coupon periods of a bond, counted back from maturity so an odd first period is the short one.</summary>
public static class CouponSchedule
{
    public static List<CouponPeriod> Periods(BondTerms terms)
    {
        var months = 12 / terms.Frequency;
        var ends = new List<DateOnly>();

        // Each end is counted from maturity, not from the previous end, so month-end dates do not drift.
        for (var step = 0; ; step++)
        {
            var end = terms.MaturityDate.AddMonths(-months * step);
            if (end <= terms.IssueDate)
            {
                break;
            }

            ends.Add(end);
        }

        ends.Reverse();
        var periods = new List<CouponPeriod>(ends.Count);
        var start = terms.IssueDate;
        foreach (var end in ends)
        {
            var (days, denominator) = CouponDayCount.YearFraction(terms.DayCount, start, end);
            periods.Add(new CouponPeriod(start, end, days, denominator, PerUnit(terms, days, denominator)));
            start = end;
        }

        return periods;
    }

    /// <summary>Returns face × rate × days / denominator, in minor units times 10^8, rounded down.</summary>
    private static Int128 PerUnit(BondTerms terms, int days, int denominator)
    {
        var numerator = (BigInteger)terms.FaceValue * BigInteger.Pow(10, DistributionMath.PerUnitExtraDigits) * terms.CouponRatePpm * days;
        return (Int128)(numerator / ((BigInteger)DistributionMath.PpmScale * denominator));
    }
}

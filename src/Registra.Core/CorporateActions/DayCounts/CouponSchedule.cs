using System.Numerics;

namespace Registra.CorporateActions.DayCounts;

/// <summary>
/// Generates the coupon periods of fixed-rate debt from its terms. Pure: the same terms always give
/// the same schedule.
/// </summary>
/// <remarks>
/// Regular coupon dates are the anchor (the maturity date for <see cref="CouponStub.ShortFirst"/>,
/// the issue date for <see cref="CouponStub.ShortLast"/>) moved by whole periods, with the
/// end-of-month rule when the anchor is the last day of its month. A short stub is kept as its own
/// period, never merged into a long one. Amounts are exact until the last step, where each
/// period's coupon per unit is rounded once to the currency's minor unit, half away from zero.
/// </remarks>
public static class CouponSchedule
{
    public static IReadOnlyList<CouponPeriod> Generate(CouponTerms terms)
    {
        var months = CouponDates.MonthsPerPeriod(terms.Frequency);
        var anchor = terms.Stub == CouponStub.ShortFirst ? terms.MaturityDate : terms.IssueDate;
        var endOfMonth = CouponDates.IsEndOfMonth(anchor);
        var dates = BoundaryDates(terms, anchor, months, endOfMonth);

        var minorUnits = terms.Currency.MinorUnits ?? 0;
        var faceMinor = terms.FaceValue * Rational.FromInteger(BigInteger.Pow(10, minorUnits));
        var periods = new List<CouponPeriod>(dates.Count - 1);
        for (var i = 0; i + 1 < dates.Count; i++)
        {
            var start = dates[i];
            var end = dates[i + 1];
            var regular = IsOnGrid(start, anchor, months, endOfMonth) && IsOnGrid(end, anchor, months, endOfMonth);
            var fraction = terms.DayCount == DayCountConvention.ActualActualIcma
                ? DayCount.IcmaYearFraction(start, end, terms.Frequency, anchor, endOfMonth)
                : DayCount.YearFraction(terms.DayCount, start, end);
            var exact = faceMinor * terms.Rate * fraction;
            periods.Add(new CouponPeriod(i + 1, start, end, CouponDates.Adjust(end, terms.BusinessDays), regular,
                DayCount.ActualDays(start, end), fraction, exact, (long)exact.RoundHalfAwayFromZero()));
        }

        return periods;
    }

    /// <summary>Lists the issue date, every regular coupon date strictly between issue and maturity, and the maturity date.</summary>
    private static List<DateOnly> BoundaryDates(CouponTerms terms, DateOnly anchor, int months, bool endOfMonth)
    {
        var inner = new List<DateOnly>();
        var step = terms.Stub == CouponStub.ShortFirst ? -months : months;
        for (var k = 1; k <= CouponTerms.MaxPeriods; k++)
        {
            var date = CouponDates.Roll(anchor, k * step, endOfMonth);
            if (date <= terms.IssueDate || date >= terms.MaturityDate)
            {
                break;
            }

            inner.Add(date);
        }

        inner.Sort();
        return [terms.IssueDate, .. inner, terms.MaturityDate];
    }

    private static bool IsOnGrid(DateOnly date, DateOnly anchor, int months, bool endOfMonth)
    {
        var k = CouponDates.PeriodIndexAtOrBefore(date, anchor, months, endOfMonth);
        return CouponDates.Roll(anchor, k * months, endOfMonth) == date;
    }
}

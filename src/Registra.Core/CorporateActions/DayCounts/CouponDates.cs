namespace Registra.CorporateActions.DayCounts;

/// <summary>Regular coupon dates: an anchor date moved by whole months, and weekend adjustment of payment dates.</summary>
public static class CouponDates
{
    public static int MonthsPerPeriod(CouponFrequency frequency) => 12 / (int)frequency;

    public static bool IsEndOfMonth(DateOnly date) => date.Day == DateTime.DaysInMonth(date.Year, date.Month);

    /// <summary>
    /// Moves <paramref name="anchor"/> by <paramref name="months"/> (negative moves back), always from
    /// the anchor itself so days never drift. A day past the target month's end becomes its last day
    /// (31 January plus one month is 28 or 29 February). With <paramref name="endOfMonth"/> every
    /// result is the last day of its month.
    /// </summary>
    public static DateOnly Roll(DateOnly anchor, int months, bool endOfMonth)
    {
        var moved = anchor.AddMonths(months);
        return endOfMonth ? new DateOnly(moved.Year, moved.Month, DateTime.DaysInMonth(moved.Year, moved.Month)) : moved;
    }

    /// <summary>Returns the largest k with Roll(anchor, k * months) on or before <paramref name="date"/>.</summary>
    public static int PeriodIndexAtOrBefore(DateOnly date, DateOnly anchor, int months, bool endOfMonth)
    {
        var monthDifference = ((date.Year - anchor.Year) * 12) + (date.Month - anchor.Month);
        var k = (int)Math.Floor(monthDifference / (double)months) + 1;
        while (Roll(anchor, k * months, endOfMonth) > date)
        {
            k--;
        }

        return k;
    }

    /// <summary>
    /// Moves a payment date that falls on a Saturday or Sunday. No holiday calendar is applied.
    /// </summary>
    public static DateOnly Adjust(DateOnly date, BusinessDayConvention convention)
    {
        if (convention == BusinessDayConvention.Unadjusted || !IsWeekend(date))
        {
            return date;
        }

        var following = date;
        while (IsWeekend(following))
        {
            following = following.AddDays(1);
        }

        if (convention == BusinessDayConvention.Following || following.Month == date.Month)
        {
            return following;
        }

        var preceding = date;
        while (IsWeekend(preceding))
        {
            preceding = preceding.AddDays(-1);
        }

        return preceding;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

namespace Registra.CorporateActions.DayCounts;

/// <summary>The day-count conventions coupons support.</summary>
public enum CouponDayCountConvention
{
    /// <summary>30/360 bond basis: months count 30 days, a year 360.</summary>
    Thirty360,

    /// <summary>Actual days between the dates over 360.</summary>
    Actual360,

    /// <summary>Actual days between the dates over a fixed 365.</summary>
    Actual365Fixed,
}

/// <summary>
/// Year fractions of coupon periods as exact day counts over a denominator.
/// </summary>
/// <remarks>
/// NOTE: a stand-in with only the three conventions coupons need. When the full day-count library
/// of this namespace lands (with ACT/ACT ICMA), coupons should use it and this file should go.
/// </remarks>
public static class CouponDayCount
{
    /// <summary>Parses "30/360", "ACT/360" or "ACT/365F" (any case).</summary>
    public static bool TryParse(string? text, out CouponDayCountConvention convention)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "30/360":
                convention = CouponDayCountConvention.Thirty360;
                return true;
            case "ACT/360":
                convention = CouponDayCountConvention.Actual360;
                return true;
            case "ACT/365F":
                convention = CouponDayCountConvention.Actual365Fixed;
                return true;
            default:
                convention = default;
                return false;
        }
    }

    public static string Name(CouponDayCountConvention convention) => convention switch
    {
        CouponDayCountConvention.Thirty360 => "30/360",
        CouponDayCountConvention.Actual360 => "ACT/360",
        _ => "ACT/365F",
    };

    /// <summary>Returns the year fraction from <paramref name="start"/> to <paramref name="end"/> as days over a denominator.</summary>
    public static (int Days, int Denominator) YearFraction(CouponDayCountConvention convention, DateOnly start, DateOnly end) => convention switch
    {
        CouponDayCountConvention.Thirty360 => (Thirty360Days(start, end), 360),
        CouponDayCountConvention.Actual360 => (end.DayNumber - start.DayNumber, 360),
        CouponDayCountConvention.Actual365Fixed => (end.DayNumber - start.DayNumber, 365),
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "Unknown day-count convention."),
    };

    /// <summary>
    /// Counts days the 30/360 bond basis way: a start on the 31st counts as the 30th, and an end on
    /// the 31st counts as the 30th when the start is on the 30th or 31st.
    /// </summary>
    private static int Thirty360Days(DateOnly start, DateOnly end)
    {
        var startDay = Math.Min(start.Day, 30);
        var endDay = end.Day == 31 && startDay == 30 ? 30 : end.Day;
        return (360 * (end.Year - start.Year)) + (30 * (end.Month - start.Month)) + (endDay - startDay);
    }
}

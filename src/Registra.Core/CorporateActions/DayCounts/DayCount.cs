namespace Registra.CorporateActions.DayCounts;

/// <summary>
/// Year fractions under the supported day-count conventions, as exact fractions. Dates are calendar
/// dates; a period runs from its start date (included) to its end date (excluded).
/// </summary>
public static class DayCount
{
    private static readonly (string Name, DayCountConvention Convention)[] Names =
    [
        ("30/360", DayCountConvention.Thirty360),
        ("30E/360", DayCountConvention.Thirty360European),
        ("ACT/360", DayCountConvention.Actual360),
        ("ACT/365F", DayCountConvention.Actual365Fixed),
        ("ACT/ACT ICMA", DayCountConvention.ActualActualIcma),
    ];

    private static readonly Dictionary<string, DayCountConvention> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["30/360"] = DayCountConvention.Thirty360,
        ["30/360 ISDA"] = DayCountConvention.Thirty360,
        ["360/360"] = DayCountConvention.Thirty360,
        ["Bond Basis"] = DayCountConvention.Thirty360,
        ["30E/360"] = DayCountConvention.Thirty360European,
        ["Eurobond Basis"] = DayCountConvention.Thirty360European,
        ["ACT/360"] = DayCountConvention.Actual360,
        ["Actual/360"] = DayCountConvention.Actual360,
        ["ACT/365F"] = DayCountConvention.Actual365Fixed,
        ["ACT/365 Fixed"] = DayCountConvention.Actual365Fixed,
        ["Actual/365 (Fixed)"] = DayCountConvention.Actual365Fixed,
        ["ACT/ACT ICMA"] = DayCountConvention.ActualActualIcma,
        ["ACT/ACT ISMA"] = DayCountConvention.ActualActualIcma,
        ["Actual/Actual (ICMA)"] = DayCountConvention.ActualActualIcma,
    };

    /// <summary>The names <see cref="TryParse"/> accepts first, one per convention, for messages and output.</summary>
    public static IReadOnlyList<string> CanonicalNames { get; } = Names.Select(entry => entry.Name).ToArray();

    /// <summary>Parses a convention name such as "30/360", "ACT/365F" or "ACT/ACT ICMA", ignoring case.</summary>
    public static bool TryParse(string? text, out DayCountConvention convention)
    {
        convention = default;
        return text is not null && Aliases.TryGetValue(text.Trim(), out convention);
    }

    public static string NameOf(DayCountConvention convention) => Names.First(entry => entry.Convention == convention).Name;

    /// <summary>Returns the actual number of days from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static int ActualDays(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber;

    /// <summary>Counts days under 30/360 Bond Basis (ISDA 2006 section 4.16(f)).</summary>
    public static int Thirty360Days(DateOnly start, DateOnly end)
    {
        var d1 = start.Day == 31 ? 30 : start.Day;
        var d2 = end.Day == 31 && d1 == 30 ? 30 : end.Day;
        return (360 * (end.Year - start.Year)) + (30 * (end.Month - start.Month)) + (d2 - d1);
    }

    /// <summary>Counts days under 30E/360 (ISDA 2006 section 4.16(g)).</summary>
    public static int Thirty360EuropeanDays(DateOnly start, DateOnly end)
    {
        var d1 = Math.Min(start.Day, 30);
        var d2 = Math.Min(end.Day, 30);
        return (360 * (end.Year - start.Year)) + (30 * (end.Month - start.Month)) + (d2 - d1);
    }

    /// <summary>
    /// Returns the year fraction of a period under a convention that needs only its two dates.
    /// </summary>
    /// <exception cref="ArgumentException">The convention is ACT/ACT ICMA, which needs the coupon schedule; use <see cref="IcmaYearFraction"/>.</exception>
    public static Rational YearFraction(DayCountConvention convention, DateOnly start, DateOnly end) => convention switch
    {
        DayCountConvention.Thirty360 => Rational.Create(Thirty360Days(start, end), 360),
        DayCountConvention.Thirty360European => Rational.Create(Thirty360EuropeanDays(start, end), 360),
        DayCountConvention.Actual360 => Rational.Create(ActualDays(start, end), 360),
        DayCountConvention.Actual365Fixed => Rational.Create(ActualDays(start, end), 365),
        _ => throw new ArgumentException("ACT/ACT ICMA needs the frequency and the coupon dates; call IcmaYearFraction.", nameof(convention)),
    };

    /// <summary>
    /// Returns the ACT/ACT ICMA year fraction of the period from <paramref name="start"/> to
    /// <paramref name="end"/>. The regular coupon dates are <paramref name="anchor"/> moved by whole
    /// periods (see <see cref="CouponDates.Roll"/>); each regular period the accrual overlaps adds its
    /// overlapping days divided by (frequency times the regular period's days). A regular period thus
    /// gives exactly 1/frequency, and a long or short stub is measured against its notional periods.
    /// </summary>
    public static Rational IcmaYearFraction(DateOnly start, DateOnly end, CouponFrequency frequency, DateOnly anchor, bool endOfMonth)
    {
        if (end <= start)
        {
            return Rational.Zero;
        }

        var months = CouponDates.MonthsPerPeriod(frequency);
        var k = CouponDates.PeriodIndexAtOrBefore(start, anchor, months, endOfMonth);
        var fraction = Rational.Zero;
        var periodStart = CouponDates.Roll(anchor, k * months, endOfMonth);
        while (periodStart < end)
        {
            var periodEnd = CouponDates.Roll(anchor, (k + 1) * months, endOfMonth);
            var overlapStart = start > periodStart ? start : periodStart;
            var overlapEnd = end < periodEnd ? end : periodEnd;
            if (overlapEnd > overlapStart)
            {
                fraction += Rational.Create(ActualDays(overlapStart, overlapEnd), (int)frequency * ActualDays(periodStart, periodEnd));
            }

            k++;
            periodStart = periodEnd;
        }

        return fraction;
    }
}

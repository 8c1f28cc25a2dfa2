using Registra.CorporateActions;
using Registra.CorporateActions.DayCounts;

namespace Registra.Tests.CorporateActions;

/// <summary>
/// Day counts against hand-counted cases and the ACT/ACT examples of the ISDA memo "The
/// Actual/Actual Day Count Fraction" (1999), as reproduced in QuantLib's test-suite/daycounters.cpp.
/// </summary>
public sealed class DayCountTests
{
    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2007-01-15", "2007-07-15", 180)]
    [InlineData("2007-01-31", "2007-02-28", 28)] // start 31 counts as 30; February is not adjusted in Bond Basis
    [InlineData("2007-01-30", "2007-03-31", 60)] // end 31 counts as 30 because the start is the 30th
    [InlineData("2007-01-15", "2007-03-31", 76)] // end 31 stays 31 because the start is before the 30th
    [InlineData("2007-02-28", "2007-08-31", 183)]
    [InlineData("2008-02-29", "2008-08-31", 182)]
    public void Thirty360_BondBasis_CountsDays(string start, string end, int days)
    {
        Assert.Equal(days, DayCount.Thirty360Days(D(start), D(end)));
    }

    [Theory]
    [InlineData("2007-01-15", "2007-03-31", 75)]
    [InlineData("2007-01-31", "2007-03-31", 60)]
    [InlineData("2007-02-28", "2007-08-31", 182)]
    public void Thirty360European_Any31st_CountsAs30(string start, string end, int days)
    {
        Assert.Equal(days, DayCount.Thirty360EuropeanDays(D(start), D(end)));
    }

    [Theory]
    [InlineData(DayCountConvention.Actual360, "2024-01-15", "2024-07-15", 182, 360)]
    [InlineData(DayCountConvention.Actual365Fixed, "2024-01-15", "2024-07-15", 182, 365)]
    [InlineData(DayCountConvention.Actual365Fixed, "2024-01-01", "2025-01-01", 366, 365)]
    [InlineData(DayCountConvention.Thirty360, "2024-01-15", "2024-07-15", 180, 360)]
    public void YearFraction_ActualConventions_UseActualDays(DayCountConvention convention, string start, string end, int numerator, int denominator)
    {
        Assert.Equal(Rational.Create(numerator, denominator), DayCount.YearFraction(convention, D(start), D(end)));
    }

    [Theory]
    [InlineData("2003-11-01", "2004-05-01", CouponFrequency.SemiAnnual, "2004-05-01", false, 1, 2)]           // regular period
    [InlineData("1999-02-01", "1999-07-01", CouponFrequency.Annual, "1999-07-01", false, 150, 365)]        // short first period
    [InlineData("1999-07-01", "2000-07-01", CouponFrequency.Annual, "1999-07-01", false, 1, 1)]            // regular period over a leap day
    [InlineData("2000-01-30", "2000-06-30", CouponFrequency.SemiAnnual, "2000-01-30", false, 152, 364)]    // short final period
    public void Icma_MemoExamples_MatchExactly(string start, string end, CouponFrequency frequency, string anchor, bool endOfMonth, int numerator, int denominator)
    {
        Assert.Equal(Rational.Create(numerator, denominator), DayCount.IcmaYearFraction(D(start), D(end), frequency, D(anchor), endOfMonth));
    }

    [Fact]
    public void Icma_LongFirstPeriod_SumsNotionalPeriods()
    {
        // 15 Aug 2002 to 15 Jul 2003, semi-annual on 15 Jan and 15 Jul: 153 of 184 days, then a full half year.
        var fraction = DayCount.IcmaYearFraction(D("2002-08-15"), D("2003-07-15"), CouponFrequency.SemiAnnual, D("2003-07-15"), false);

        Assert.Equal(Rational.Create(153, 368) + Rational.Create(1, 2), fraction);
        Assert.Equal("0.915760869565", fraction.ToDecimalString(12));
    }

    [Theory]
    [InlineData(true, 92)]
    [InlineData(false, 91)]
    public void Icma_QuarterlyLongFinal_FollowsEndOfMonthRule(bool endOfMonth, int secondPeriodDays)
    {
        // 30 Nov 1999 to 30 Apr 2000, quarterly: the notional period after 29 Feb 2000 ends 31 May with the rule, and 30 May
        // without it, because dates roll from the anchor's day 30. QuantLib's version of this case rolls from 29 February
        // to 29 May and expects 90 days.
        var fraction = DayCount.IcmaYearFraction(D("1999-11-30"), D("2000-04-30"), CouponFrequency.Quarterly, D("1999-11-30"), endOfMonth);

        Assert.Equal(Rational.Create(91, 91 * 4) + Rational.Create(61, secondPeriodDays * 4), fraction);
    }

    [Theory]
    [InlineData("30/360", DayCountConvention.Thirty360)]
    [InlineData("bond basis", DayCountConvention.Thirty360)]
    [InlineData("act/365f", DayCountConvention.Actual365Fixed)]
    [InlineData(" ACT/ACT ICMA ", DayCountConvention.ActualActualIcma)]
    public void Parse_KnownNames_ReturnsConvention(string text, DayCountConvention expected)
    {
        Assert.True(DayCount.TryParse(text, out var convention));
        Assert.Equal(expected, convention);
    }

    [Theory]
    [InlineData("ACT/ACT ISDA")]
    [InlineData("30/365")]
    [InlineData("")]
    public void Parse_UnsupportedName_Fails(string text)
    {
        Assert.False(DayCount.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2026-01-31", BusinessDayConvention.Following, "2026-02-02")]
    [InlineData("2026-01-31", BusinessDayConvention.ModifiedFollowing, "2026-01-30")]
    [InlineData("2026-02-28", BusinessDayConvention.ModifiedFollowing, "2026-02-27")]
    [InlineData("2026-03-14", BusinessDayConvention.ModifiedFollowing, "2026-03-16")]
    [InlineData("2026-03-14", BusinessDayConvention.Unadjusted, "2026-03-14")]
    [InlineData("2026-03-13", BusinessDayConvention.Following, "2026-03-13")]
    public void Adjust_WeekendPaymentDate_Moves(string date, BusinessDayConvention convention, string expected)
    {
        Assert.Equal(D(expected), CouponDates.Adjust(D(date), convention));
    }
}

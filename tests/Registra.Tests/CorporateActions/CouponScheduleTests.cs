using Registra.CorporateActions;
using Registra.CorporateActions.DayCounts;

namespace Registra.Tests.CorporateActions;

public sealed class CouponScheduleTests
{
    private static Dictionary<string, string> Bond(string dayCount, string issue = "2025-01-15", string maturity = "2030-01-15", string frequency = "semi_annual") => new()
    {
        ["face_value"] = "1000.00 USD",
        ["coupon_rate"] = "5%",
        ["coupon_frequency"] = frequency,
        ["day_count"] = dayCount,
        ["issue_date"] = issue,
        ["maturity_date"] = maturity,
    };

    private static IReadOnlyList<CouponPeriod> Schedule(Dictionary<string, string> terms)
    {
        var (parsed, failures) = CouponTerms.Read("bond", terms);
        Assert.True(failures.Count == 0, string.Join(" ", failures.Select(f => f.Hint)));
        return CouponSchedule.Generate(parsed!);
    }

    [Fact]
    public void Thirty360_SemiAnnual5Percent_Pays25PerPeriod()
    {
        var periods = Schedule(Bond("30/360"));

        Assert.Equal(10, periods.Count);
        Assert.All(periods, p => Assert.Equal(2500, p.AmountMinorUnits));
        Assert.All(periods, p => Assert.Equal(Rational.Create(1, 2), p.YearFraction));
        Assert.All(periods, p => Assert.True(p.Regular));
        Assert.Equal(new DateOnly(2025, 7, 15), periods[0].End);
        Assert.Equal(new DateOnly(2030, 1, 15), periods[^1].End);
    }

    [Fact]
    public void Actual360_SemiAnnual_UsesActualDays()
    {
        var periods = Schedule(Bond("ACT/360"));

        // 15 Jan to 15 Jul 2025 is 181 days: 1000 * 0.05 * 181/360 = 25.1388..., paid as 25.14.
        Assert.Equal(181, periods[0].Days);
        Assert.Equal(Rational.Create(181, 360), periods[0].YearFraction);
        Assert.Equal(2514, periods[0].AmountMinorUnits);

        // 15 Jul 2025 to 15 Jan 2026 is 184 days: 25.5555..., paid as 25.56.
        Assert.Equal(184, periods[1].Days);
        Assert.Equal(2556, periods[1].AmountMinorUnits);
    }

    [Fact]
    public void Actual365Fixed_SemiAnnual_UsesActualDays()
    {
        var periods = Schedule(Bond("ACT/365F"));

        // 181/365 * 50 = 24.7945..., and 184/365 * 50 = 25.2054...
        Assert.Equal(Rational.Create(181 * 5000, 365), periods[0].ExactAmount);
        Assert.Equal(2479, periods[0].AmountMinorUnits);
        Assert.Equal(2521, periods[1].AmountMinorUnits);
    }

    [Fact]
    public void IcmaRegularPeriods_PayRateOverFrequencyExactly()
    {
        var periods = Schedule(Bond("ACT/ACT ICMA", "2024-01-15"));

        Assert.All(periods, p => Assert.Equal(Rational.Create(1, 2), p.YearFraction));
        Assert.All(periods, p => Assert.Equal(2500, p.AmountMinorUnits));
    }

    [Fact]
    public void ShortFirstStub_IcmaUsesNotionalPeriod()
    {
        // Issue 1 March 2025, coupons on 15 Jan and 15 Jul rolled back from maturity: a short first period of 136 days
        // inside the notional period 15 Jan to 15 Jul 2025 of 181 days.
        var periods = Schedule(Bond("ACT/ACT ICMA", "2025-03-01"));

        Assert.False(periods[0].Regular);
        Assert.Equal(new DateOnly(2025, 3, 1), periods[0].Start);
        Assert.Equal(new DateOnly(2025, 7, 15), periods[0].End);
        Assert.Equal(Rational.Create(136, 362), periods[0].YearFraction);
        Assert.Equal(Rational.Create(136 * 100_000 * 5, 362 * 100), periods[0].ExactAmount);
        Assert.Equal(1878, periods[0].AmountMinorUnits);
        Assert.True(periods[1].Regular);
    }

    [Fact]
    public void ShortLastStub_RollsForwardFromIssue()
    {
        var terms = Bond("30/360", "2025-01-15", "2027-03-15", "annual");
        terms["stub"] = "short_last";

        var periods = Schedule(terms);

        Assert.Equal(3, periods.Count);
        Assert.Equal(new DateOnly(2026, 1, 15), periods[0].End);
        Assert.False(periods[^1].Regular);
        Assert.Equal(Rational.Create(60, 360), periods[^1].YearFraction);
        Assert.Equal(833, periods[^1].AmountMinorUnits);
    }

    [Fact]
    public void EndOfMonthMaturity_KeepsMonthEnds()
    {
        var periods = Schedule(Bond("30/360", "2025-02-28", "2027-08-31"));

        Assert.Equal(new DateOnly(2025, 8, 31), periods[0].End);
        Assert.Equal(new DateOnly(2026, 2, 28), periods[1].End);
        Assert.Equal(new DateOnly(2026, 8, 31), periods[2].End);
    }

    [Fact]
    public void BusinessDayConvention_MovesPaymentNotAccrual()
    {
        var terms = Bond("30/360", "2025-11-15", "2026-11-15");
        terms["business_day_convention"] = "following";

        var periods = Schedule(terms);

        // The coupon date 15 May 2026 is a Friday and stays; 15 November 2026 is a Sunday and pays on Monday 16th.
        Assert.Equal(new DateOnly(2026, 5, 15), periods[0].PaymentDate);
        Assert.Equal(new DateOnly(2026, 11, 15), periods[1].End);
        Assert.Equal(new DateOnly(2026, 11, 16), periods[1].PaymentDate);
        Assert.Equal(2500, periods[1].AmountMinorUnits);
    }

    [Fact]
    public void JapaneseYen_RoundsToWholeYen()
    {
        var terms = Bond("ACT/365F");
        terms["face_value"] = "100000 JPY";
        terms["coupon_rate"] = "0.013";

        var periods = Schedule(terms);

        // 100000 * 0.013 * 181/365 = 644.65..., paid as 645 yen.
        Assert.Equal(645, periods[0].AmountMinorUnits);
    }

    [Theory]
    [InlineData("face_value", "-1000.00 USD", "face_value")]
    [InlineData("face_value", "1000.001 USD", "face_value")]
    [InlineData("face_value", "1000.00 ZZZ", "face_value")]
    [InlineData("face_value", "1000.00", "currency")]
    [InlineData("coupon_rate", "-0.01", "coupon_rate")]
    [InlineData("coupon_rate", "five", "coupon_rate")]
    [InlineData("coupon_frequency", "weekly", "coupon_frequency")]
    [InlineData("day_count", "ACT/ACT ISDA", "day_count")]
    [InlineData("issue_date", "15/01/2025", "issue_date")]
    [InlineData("maturity_date", "2024-01-15", "maturity_date")]
    [InlineData("maturity_date", "2225-01-15", "maturity_date")]
    [InlineData("stub", "long_first", "stub")]
    public void BadTerm_ReadFails_NamesTheKey(string key, string value, string failingKey)
    {
        var terms = Bond("30/360");
        terms[key] = value;
        if (key == "maturity_date" && value.StartsWith("2225", StringComparison.Ordinal))
        {
            terms["coupon_frequency"] = "monthly";
        }

        var (parsed, failures) = CouponTerms.Read("bond", terms);

        Assert.Null(parsed);
        var failure = Assert.Single(failures);
        Assert.Equal("invalid_terms", failure.Code.Name);
        Assert.Equal(failingKey, failure.Rule);
        Assert.Contains("bond", failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTerms_ReadFails_ListsEveryKey()
    {
        var (parsed, failures) = CouponTerms.Read("bond", new Dictionary<string, string> { ["coupon_rate"] = "0.05" });

        Assert.Null(parsed);
        Assert.Equal(["coupon_frequency", "day_count", "face_value", "issue_date", "maturity_date"], failures.Select(f => f.Rule).Order());
    }
}

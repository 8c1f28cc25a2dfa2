using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.CorporateActions;
using Registra.CorporateActions.Coupons;
using Registra.CorporateActions.DayCounts;
using Registra.CorporateActions.Distributions;
using Registra.Register;
using Registra.Securities;
using Registra.Tests.Register;
using ReasonCodes = Registra.Reasons.Reasons;

namespace Registra.Tests.CorporateActions;

public sealed class CouponTests
{
    private static Dictionary<string, string> BondTermsMap(string dayCount = "30/360") => new()
    {
        ["face_value"] = "1000.00",
        ["currency"] = "USD",
        ["issue_date"] = "2025-01-01",
        ["maturity_date"] = "2027-01-01",
        ["coupon_rate"] = "5%",
        ["coupon_frequency"] = "semi_annual",
        ["day_count"] = dayCount,
    };

    /// <summary>A register with a bond of the given day count, holders b1 (3 bonds) and b2 (2 bonds), and a funded issuer.</summary>
    private static (RegisterFixture Fixture, string BondId) Bond(string dayCount = "30/360", string funding = "100000")
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        var bondId = fixture.MustExecute(new CreateSecurity(RegisterFixture.IssuerId, "Acme 5% 2027", AssetClass.Debt, 0,
            Terms: BondTermsMap(dayCount))).CreatedId!;
        foreach (var (holder, units) in new[] { ("b1", 3L), ("b2", 2L) })
        {
            fixture.AddHolder(holder, 0);
            fixture.MustExecute(new Issue(bondId, holder + "-1", Amount.FromUnits(units)));
        }

        fixture.FundIssuer(funding);
        return (fixture, bondId);
    }

    [Fact]
    public void Coupon_Thirty360SemiAnnual_Pays25PerBond()
    {
        var terms = CouponTerms.Read("bond", BondTermsMap()).Terms!;

        var periods = CouponSchedule.Generate(terms);

        Assert.Equal(4, periods.Count);
        Assert.All(periods, period => Assert.Equal(25 * 100, period.AmountMinorUnits));
        Assert.Equal(new DateOnly(2025, 7, 1), periods[0].End);
        Assert.Equal(new DateOnly(2027, 1, 1), periods[^1].End);
    }

    [Theory]
    [InlineData("ACT/360", 181, 360, 2514)]
    [InlineData("ACT/365F", 181, 365, 2479)]
    public void Coupon_ActualDayCounts_UseDaysBetweenDates(string dayCount, int days, int denominator, long perBondCents)
    {
        var terms = CouponTerms.Read("bond", BondTermsMap(dayCount)).Terms!;

        var first = CouponSchedule.Generate(terms)[0];

        Assert.Equal(days, first.Days);
        Assert.Equal(Rational.Create(days, denominator), first.YearFraction);
        Assert.Equal(perBondCents, first.AmountMinorUnits);
    }

    [Theory]
    [InlineData("2025-01-31", "2025-07-31", 180)]
    [InlineData("2025-01-30", "2025-07-31", 180)]
    [InlineData("2025-01-15", "2025-07-31", 196)]
    [InlineData("2025-02-28", "2025-08-31", 183)]
    public void Thirty360_MonthEnds_CountThirtyDayMonths(string start, string end, int days)
    {
        var fraction = DayCount.YearFraction(DayCountConvention.Thirty360, DateOnly.Parse(start), DateOnly.Parse(end));

        Assert.Equal(days, DayCount.Thirty360Days(DateOnly.Parse(start), DateOnly.Parse(end)));
        Assert.Equal(Rational.Create(days, 360), fraction);
    }

    [Fact]
    public void ScheduleCoupons_PayEachPeriod_PaysHolders()
    {
        var (fixture, bondId) = Bond();

        var scheduled = fixture.MustExecute(new ScheduleCoupons(bondId));
        var firstId = RegisterMachineIds.Coupon(bondId, new DateOnly(2025, 7, 1));
        fixture.AdvanceTo(fixture.Distribution(firstId).Terms.PaymentAt);
        fixture.MustExecute(new PayDistribution(firstId));

        Assert.Equal(4, scheduled.Events.Count);
        Assert.Equal("75", fixture.IdentityCash("b1"));
        Assert.Equal("50", fixture.IdentityCash("b2"));
        fixture.AssertRejected(new ScheduleCoupons(bondId), ReasonCodes.AlreadyExists);
    }

    [Fact]
    public void ScheduleCoupons_WithWithholding_WithholdsOnPayment()
    {
        var (fixture, bondId) = Bond();

        fixture.MustExecute(new ScheduleCoupons(bondId, DefaultWithholdingPercent: "20"));
        var firstId = RegisterMachineIds.Coupon(bondId, new DateOnly(2025, 7, 1));
        fixture.AdvanceTo(fixture.Distribution(firstId).Terms.PaymentAt);
        fixture.MustExecute(new PayDistribution(firstId));

        Assert.Equal("60", fixture.IdentityCash("b1"));
        Assert.Equal("40", fixture.IdentityCash("b2"));
        Assert.Equal("25", fixture.Cash(CashOwnerKind.IssuerTax, RegisterFixture.IssuerId));
    }

    [Fact]
    public void ScheduleCoupons_NegativeRate_ChangesNothing()
    {
        var (fixture, bondId) = Bond();
        var before = StateDigest.Compute(fixture.Register.State);

        fixture.AssertRejected(new ScheduleCoupons(bondId, DefaultWithholdingPercent: "-5"), ReasonCodes.InvalidRate);

        Assert.Equal(before, StateDigest.Compute(fixture.Register.State));
    }

    [Fact]
    public void ScheduleCoupons_EquityWithoutTerms_IsInvalidTerms()
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(new ScheduleCoupons(fixture.SecurityId), ReasonCodes.InvalidTerms);

        Assert.Contains(failures, failure => failure.Limit == "face_value");
    }

    [Fact]
    public void Redeem_AtMaturity_PaysFaceAndRetiresUnits()
    {
        var (fixture, bondId) = Bond();
        fixture.MustExecute(new FreezeAmount(bondId, "b1-1", Amount.FromUnits(1)));
        fixture.AssertRejected(new RedeemAtMaturity(bondId), ReasonCodes.NotMatured);
        fixture.AdvanceTo(DateTimeOffset.Parse("2027-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        fixture.MustExecute(new RedeemAtMaturity(bondId));

        var bond = fixture.Register.State.Securities[bondId];
        Assert.Equal(SecurityStatus.Redeemed, bond.Status);
        Assert.True(bond.Supply.IsZero);
        Assert.Equal(0, bond.HolderCount);
        Assert.Equal("3000", fixture.IdentityCash("b1"));
        Assert.Equal("2000", fixture.IdentityCash("b2"));
        Assert.Equal("95000", fixture.Cash(CashOwnerKind.Issuer, RegisterFixture.IssuerId));
        Assert.Empty(Invariants.Check(fixture.Register.State));
        fixture.AssertRejected(new RedeemAtMaturity(bondId), ReasonCodes.SecurityRedeemed);
        fixture.AssertRejected(new Issue(bondId, "b1-1", Amount.FromUnits(1)), ReasonCodes.SecurityRedeemed);
    }

    [Fact]
    public void Redeem_UnfundedIssuer_IsInsufficientCash()
    {
        var (fixture, bondId) = Bond(funding: "4999.99");
        fixture.AdvanceTo(DateTimeOffset.Parse("2027-01-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        fixture.AssertRejected(new RedeemAtMaturity(bondId), ReasonCodes.InsufficientCash);

        Assert.Equal(SecurityStatus.Active, fixture.Register.State.Securities[bondId].Status);
    }

    /// <summary>The register's id helpers, named for the test's reading.</summary>
    private static class RegisterMachineIds
    {
        public static string Coupon(string securityId, DateOnly date) => Registra.Register.Register.CouponId(securityId, date);
    }
}

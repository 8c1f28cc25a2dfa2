using Registra.Access;
using Registra.Cash;
using Registra.CorporateActions.Distributions;
using ReasonCodes = Registra.Reasons.Reasons;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

/// <summary>Every rejected distribution command changes nothing; AssertRejected compares the state digest.</summary>
public sealed class DistributionBadInputTests
{
    private static RegisterFixture Funded(string amount = "100")
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 3);
        fixture.AddHolder("h2", 7);
        fixture.FundIssuer(amount);
        return fixture;
    }

    private static AnnounceDistribution Dividend(RegisterFixture fixture, string amount = "10", string currency = "USD") =>
        new(fixture.SecurityId, DistributionKind.Dividend, currency, DistributionBasis.Total, amount, fixture.Now, fixture.Now);

    [Fact]
    public void Pay_BeforeRecordInstant_IsRecordInstantInFuture()
    {
        var fixture = Funded();
        var id = fixture.AnnounceDividend("10", recordAt: fixture.Now.AddDays(1), paymentAt: fixture.Now.AddDays(2));

        var failures = fixture.AssertRejected(new PayDistribution(id), ReasonCodes.RecordInstantInFuture);

        Assert.Equal(fixture.Now.AddDays(1).ToString("O"), failures[0].Limit);
    }

    [Fact]
    public void Pay_BeforePaymentInstant_IsPaymentNotDue()
    {
        var fixture = Funded();
        var id = fixture.AnnounceDividend("10", recordAt: fixture.Now, paymentAt: fixture.Now.AddDays(2));
        fixture.Advance(TimeSpan.FromDays(1));

        fixture.AssertRejected(new PayDistribution(id), ReasonCodes.PaymentNotDue);
    }

    [Fact]
    public void Pay_UnfundedIssuer_IsInsufficientCash()
    {
        var fixture = Funded("9.99");
        var id = fixture.AnnounceDividend("10");

        var failures = fixture.AssertRejected(new PayDistribution(id), ReasonCodes.InsufficientCash);

        Assert.Equal("10", failures[0].Limit);
        Assert.Equal("9.99", failures[0].Current);
    }

    [Fact]
    public void Pay_IssuerWithoutAccount_IsNotFound()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 3);
        var id = fixture.AnnounceDividend("10");

        fixture.AssertRejected(new PayDistribution(id), ReasonCodes.NotFound);
    }

    [Theory]
    [InlineData("-1", "invalid_rate")]
    [InlineData("100.0001", "invalid_rate")]
    [InlineData("101", "invalid_rate")]
    [InlineData("1.23456", "invalid_rate")]
    [InlineData("abc", "invalid_rate")]
    public void Announce_BadDefaultRate_IsRejected(string percent, string code)
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture) with { DefaultWithholdingPercent = percent }, ReasonCodes.Find(code)!);
    }

    [Fact]
    public void Announce_BadRatesEverywhere_ListsEveryFailure()
    {
        var fixture = Funded();

        var failures = fixture.AssertRejected(Dividend(fixture) with
        {
            WithholdingByJurisdiction = new Dictionary<string, string> { ["DE"] = "-5", ["XX"] = "10" },
            WithholdingByIdentity = new Dictionary<string, string> { ["h1"] = "150", ["ghost"] = "10" },
            Excluded = ["nobody"],
        });

        Assert.Equal(["invalid_identifier", "invalid_rate", "invalid_rate", "not_found", "not_found"], RegisterFixture.Codes(failures).Order());
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("XAU")]
    [InlineData("usdollar")]
    public void Announce_UnknownCurrency_IsInvalidIdentifier(string currency)
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture, currency: currency), ReasonCodes.InvalidIdentifier);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("ten")]
    public void Announce_NonPositiveAmount_IsInvalidAmount(string amount)
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture, amount), ReasonCodes.InvalidAmount);
    }

    [Fact]
    public void Announce_MoreDigitsThanCurrency_IsInvalidGranularity()
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture, "10.001"), ReasonCodes.InvalidGranularity);
        fixture.AssertRejected(Dividend(fixture, "10.5", "JPY"), ReasonCodes.InvalidGranularity);
    }

    [Fact]
    public void Announce_PaymentBeforeRecord_IsInvalidArgument()
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture) with { PaymentAt = fixture.Now.AddDays(-1) }, ReasonCodes.InvalidArgument);
        fixture.AssertRejected(Dividend(fixture) with { ClaimUntil = fixture.Now.AddDays(-1) }, ReasonCodes.InvalidArgument);
    }

    [Fact]
    public void Announce_ReservedOrTakenId_IsRejected()
    {
        var fixture = Funded();
        fixture.MustExecute(Dividend(fixture) with { DistributionId = "q2-2025" });

        fixture.AssertRejected(Dividend(fixture) with { DistributionId = "q2-2025" }, ReasonCodes.AlreadyExists);
        fixture.AssertRejected(Dividend(fixture) with { DistributionId = "dist-99" }, ReasonCodes.InvalidArgument);
        fixture.AssertRejected(Dividend(fixture) with { DistributionId = "bad id" }, ReasonCodes.InvalidArgument);
    }

    [Fact]
    public void Announce_RedemptionKind_IsInvalidArgument()
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture) with { Kind = DistributionKind.Redemption }, ReasonCodes.InvalidArgument);
    }

    [Fact]
    public void Announce_AgentWithoutActions_IsPermissionDenied()
    {
        var fixture = Funded();

        fixture.AssertRejected(Dividend(fixture) with { Actor = RegisterFixture.Agent(Permissions.Supply) }, ReasonCodes.PermissionDenied);
        fixture.AssertRejected(Dividend(fixture) with { Actor = Actor.Investor("h1") }, ReasonCodes.PermissionDenied);
        fixture.MustExecute(Dividend(fixture) with { Actor = RegisterFixture.Agent(Permissions.Actions) });
    }

    [Fact]
    public void PerUnit_TooSmallForOneMinorUnit_IsInvalidAmount()
    {
        var fixture = Funded();
        var id = fixture.MustExecute(Dividend(fixture, "0.0001") with { Basis = DistributionBasis.PerUnit }).CreatedId!;

        fixture.AssertRejected(new PayDistribution(id), ReasonCodes.InvalidAmount);
    }

    [Fact]
    public void PerUnit_Dividend_PaysUnitsTimesAmount()
    {
        var fixture = Funded();
        var id = fixture.MustExecute(Dividend(fixture, "0.125") with { Basis = DistributionBasis.PerUnit }).CreatedId!;

        fixture.MustExecute(new PayDistribution(id));

        // 125 cents split 3:7 is 37.5 and 87.5. The remainders are equal, so the leftover cent goes to h1, first by identity id.
        Assert.Equal("1.25", fixture.Register.State.Cash.Format("USD", fixture.Distribution(id).Gross));
        Assert.Equal("0.38", fixture.IdentityCash("h1"));
        Assert.Equal("0.87", fixture.IdentityCash("h2"));
    }

    [Fact]
    public void Cancel_Announced_BlocksPayment()
    {
        var fixture = Funded();
        var id = fixture.AnnounceDividend("10");

        fixture.MustExecute(new CancelDistribution(id));

        fixture.AssertRejected(new PayDistribution(id), ReasonCodes.DistributionCancelled);
        fixture.AssertRejected(new CancelDistribution(id), ReasonCodes.DistributionCancelled);
    }

    [Fact]
    public void Unknown_Distribution_IsNotFound()
    {
        var fixture = Funded();

        fixture.AssertRejected(new PayDistribution("nope"), ReasonCodes.NotFound);
        fixture.AssertRejected(new ClaimDistribution("nope", "h1"), ReasonCodes.NotFound);
        fixture.AssertRejected(new ReclaimDistribution("nope"), ReasonCodes.NotFound);
    }

    [Fact]
    public void Unclaimed_AfterDeadline_IsReclaimedByIssuer()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 3, withCash: false);
        fixture.AddHolder("h2", 7);
        fixture.FundIssuer("10");
        var id = fixture.AnnounceDividend("10", claimUntil: fixture.Now.AddDays(30));

        fixture.AssertRejected(new ReclaimDistribution(id), ReasonCodes.DistributionNotPaid);
        fixture.MustExecute(new PayDistribution(id));
        Assert.Equal(PayoutStatus.Unclaimed, fixture.Payout(id, "h1").Status);
        Assert.Equal("0", fixture.IdentityCash("h1"));
        fixture.AssertRejected(new ClaimDistribution(id, "h1"), ReasonCodes.NotFound);
        fixture.AssertRejected(new ReclaimDistribution(id), ReasonCodes.ClaimPeriodOpen);

        fixture.Advance(TimeSpan.FromDays(30));
        fixture.OpenCash(CashOwnerKind.Identity, "h1");
        fixture.AssertRejected(new ClaimDistribution(id, "h1"), ReasonCodes.ClaimPeriodExpired);
        fixture.MustExecute(new ReclaimDistribution(id));

        Assert.Equal("3", fixture.Cash(CashOwnerKind.Issuer, RegisterFixture.IssuerId));
        Assert.Equal(PayoutStatus.Reclaimed, fixture.Payout(id, "h1").Status);
        Assert.Equal(300, (long)fixture.Distribution(id).Reclaimed.Units);
        fixture.AssertRejected(new ReclaimDistribution(id), ReasonCodes.NothingUnclaimed);
        fixture.AssertRejected(new ClaimDistribution(id, "h1"), ReasonCodes.ClaimPeriodExpired);
    }

    [Fact]
    public void Claim_ByOtherInvestor_IsPermissionDenied()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        fixture.AddHolder("h1", 3, withCash: false);
        fixture.AddHolder("h2", 7);
        fixture.FundIssuer("10");
        var id = fixture.AnnounceDividend("10");
        fixture.MustExecute(new PayDistribution(id));
        fixture.OpenCash(CashOwnerKind.Identity, "h1");

        fixture.AssertRejected(new ClaimDistribution(id, "h1") { Actor = Actor.Investor("h2") }, ReasonCodes.PermissionDenied);
        fixture.MustExecute(new ClaimDistribution(id, "h1") { Actor = Actor.Investor("h1") });

        Assert.Equal("3", fixture.IdentityCash("h1"));
    }
}

using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.CorporateActions.StockEvents;
using Registra.Events;
using Registra.Identities;
using Registra.Register;
using Registra.Securities;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

public sealed class SplitTests
{
    private static readonly Actor Agent = RegisterFixture.Agent(Permissions.Actions);

    private static readonly CashInLieuPrice TenDollars = new("USD", 1000);

    private static Amount Units(long units) => Amount.FromUnits(units);

    [Fact]
    public void Split_SevenForOne_MultipliesWithoutCash()
    {
        var fixture = RegisterFixture.Create(alice: 100, bob: 0);

        var result = fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 7, 1) { Actor = Agent });

        Assert.Equal(700, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(700, fixture.Supply);
        var split = Assert.IsType<StockSplit>(Assert.Single(result.Events));
        Assert.Empty(split.Fractions);
        Assert.Equal(0, fixture.Register.State.StockEvents[result.CreatedId!].TotalCash);
    }

    [Fact]
    public void ReverseSplit_OneForTwo_PaysCashForHalfUnit()
    {
        var fixture = RegisterFixture.Create(alice: 3, bob: 0);
        fixture.FundIssuer("100");

        var result = fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, 2, TenDollars) { Actor = Agent });

        Assert.Equal(1, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(1, fixture.Supply);
        var fraction = Assert.Single(result.Events.OfType<StockSplit>().Single().Fractions);
        Assert.Equal(RegisterFixture.Alice, fraction.AccountId);
        Assert.Equal(1, fraction.Fraction);
        Assert.Equal(500, fraction.Cash);
        Assert.Equal("split-000001", result.CreatedId);
        Assert.Equal("5", fixture.IdentityCash(fixture.Register.State.Accounts[RegisterFixture.Alice].IdentityId));
        Assert.Equal("95", fixture.Cash(Registra.Cash.CashOwnerKind.Issuer, RegisterFixture.IssuerId));
    }

    [Fact]
    public void ReverseSplit_UnfundedIssuer_IsRejected()
    {
        var fixture = RegisterFixture.Create(alice: 3, bob: 0);
        fixture.FundIssuer("4.99");
        var before = StateDigest.Compute(fixture.Register.State);

        fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, 1, 2, TenDollars) { Actor = Agent }, Reasons.Reasons.InsufficientCash);

        Assert.Equal(3, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(before, StateDigest.Compute(fixture.Register.State));
    }

    [Fact]
    public void ReverseSplit_WithDecimals_PaysFractionOfSmallestUnit()
    {
        var fixture = RegisterFixture.Create(alice: 3, bob: 0, decimals: 2);
        fixture.FundIssuer("100");

        var result = fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, 2, TenDollars) { Actor = Agent });

        // 0.03 becomes 0.015: 0.01 stays and half of 0.01 at 10.00 per unit is 0.05.
        Assert.Equal(1, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(5, Assert.Single(result.Events.OfType<StockSplit>().Single().Fractions).Cash);
    }

    [Fact]
    public void ReverseSplit_FractionsWithoutPrice_IsRejected()
    {
        var fixture = RegisterFixture.Create(alice: 3, bob: 4);

        var failure = Assert.Single(fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, 1, 2) { Actor = Agent },
            Reasons.Reasons.CashInLieuPriceRequired));

        Assert.Equal("1", failure.Current);
    }

    [Fact]
    public void ReverseSplit_WholeMultiples_NeedsNoPrice()
    {
        var fixture = RegisterFixture.Create(alice: 4, bob: 6);

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, 2) { Actor = Agent });

        Assert.Equal(2, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(3, fixture.Balance(RegisterFixture.Bob));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-2, 1)]
    [InlineData(3, 3)]
    public void Split_BadRatio_IsRejected(long numerator, long denominator)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, numerator, denominator, TenDollars) { Actor = Agent }, Reasons.Reasons.InvalidArgument);
    }

    [Theory]
    [InlineData("USD", -1)]
    [InlineData("USD", 0)]
    [InlineData("XYZ", 100)]
    [InlineData("usd", 100)]
    [InlineData("XAU", 100)]
    public void Split_BadPrice_IsRejected(string currency, long minorUnits)
    {
        var fixture = RegisterFixture.Create(alice: 3);

        var failure = Assert.Single(fixture.AssertRejected(
            new SplitSecurity(fixture.SecurityId, 1, 2, new CashInLieuPrice(currency, minorUnits)) { Actor = Agent }, Reasons.Reasons.InvalidArgument));

        Assert.Contains("cash-in-lieu price", failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_UnknownSecurityOrNoPermission_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new SplitSecurity("nope", 2, 1) { Actor = Agent }, Reasons.Reasons.NotFound);
        fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, 2, 1) { Actor = RegisterFixture.Agent(Permissions.Supply) }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new SplitSecurity(fixture.SecurityId, 2, 1) { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Split_FrozenAmount_ScalesDown()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 0);
        fixture.FundIssuer("100");
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, RegisterFixture.Alice, Units(100)));

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, 3, TenDollars) { Actor = Agent });

        Assert.Equal(333, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(33, fixture.Frozen(RegisterFixture.Alice));
    }

    [Fact]
    public void Split_Lots_KeepAcquisitionInstants()
    {
        var fixture = RegisterFixture.Create(alice: 10, bob: 0);
        var first = fixture.Now;
        fixture.Advance(TimeSpan.FromDays(30));
        fixture.MustExecute(new Issue(fixture.SecurityId, RegisterFixture.Alice, Units(5)));
        var second = fixture.Now;
        fixture.Advance(TimeSpan.FromDays(1));

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 3, 1) { Actor = Agent });

        var lots = fixture.Register.PositionOf(fixture.SecurityId, RegisterFixture.Alice)!.Lots;
        Assert.Equal([new Lot(Units(30), first), new Lot(Units(15), second)], lots);
    }

    [Fact]
    public void Split_QueuedTransfers_ScaleOrAreDenied()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 0);
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule());
        var large = fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Units(10))).CreatedId!;
        var small = fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Units(1))).CreatedId!;

        var result = fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, 2) { Actor = Agent });

        var pending = fixture.Register.State.PendingTransfers;
        Assert.Equal(Units(5), pending[large].Amount);
        Assert.Equal(PendingStatus.Pending, pending[large].Status);
        Assert.Equal(PendingStatus.Denied, pending[small].Status);
        Assert.IsType<TransferDenied>(result.Events[0]);
        fixture.MustExecute(new ApproveTransfer(large) { Actor = RegisterFixture.Agent(Permissions.Transfer) });
        Assert.Equal(5, fixture.Balance(RegisterFixture.Bob));
    }

    [Fact]
    public void Split_UnitLimits_ScaleAndPercentagesStay()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500, rules:
        [
            new IdentityVerifiedRule([ClaimTypes.Kyc]),
            new MaxBalanceRule("3000", "80") { Label = "cap" },
            new MinHoldingRule("10", "5"),
            new VolumeLimitRule("1500", "PT24H"),
            new MaxHoldersRule(4),
        ]);
        var version = fixture.Security.Rules.Version;

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 2, 1) { Actor = Agent });

        var rules = fixture.Security.Rules;
        Assert.Equal(version + 1, rules.Version);
        Assert.Equal(new MaxBalanceRule("6000", "80") { Label = "cap" }, rules.Find<MaxBalanceRule>());
        Assert.Equal(new MinHoldingRule("20", "10"), rules.Find<MinHoldingRule>());
        Assert.Equal(new VolumeLimitRule("3000", "PT24H"), rules.Find<VolumeLimitRule>());
        Assert.Equal(new MaxHoldersRule(4), rules.Find<MaxHoldersRule>());
    }

    [Fact]
    public void ReverseSplit_SmallLimit_StaysPositive()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MinHoldingRule(Lot: "1")]);

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, 10) { Actor = Agent });

        Assert.Equal(new MinHoldingRule(Lot: "1"), fixture.Security.Rules.Find<MinHoldingRule>());
    }

    [Fact]
    public void Split_VolumeWindow_ScalesPastOutflows()
    {
        var fixture = RegisterFixture.Create(alice: 3000, bob: 0, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new VolumeLimitRule("1500", "PT24H")]);
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Units(1000)));

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 2, 1) { Actor = Agent });

        fixture.AssertRejected(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Units(1001)), Reasons.Reasons.VolumeLimitExceeded);
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Units(1000)));
    }

    [Fact]
    public void Split_SupplyCap_Scales()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500, supplyCap: Units(2000));

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 2, 1) { Actor = Agent });

        Assert.Equal(Units(4000), fixture.Security.SupplyCap);
        fixture.MustExecute(new Issue(fixture.SecurityId, RegisterFixture.Alice, Units(1000)));
        fixture.AssertRejected(new Issue(fixture.SecurityId, RegisterFixture.Alice, Units(1)), Reasons.Reasons.SupplyCapExceeded);
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void Split_PastBalances_StayUnchanged()
    {
        var fixture = RegisterFixture.Create(alice: 100, bob: 0);
        var before = fixture.Now;
        fixture.Advance(TimeSpan.FromHours(1));

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 7, 1) { Actor = Agent });

        Assert.Equal(Units(100), fixture.Register.BalanceAt(fixture.SecurityId, RegisterFixture.Alice, before));
        Assert.Equal(Units(700), fixture.Register.BalanceAt(fixture.SecurityId, RegisterFixture.Alice, fixture.Now));
        Assert.Equal(Units(100), fixture.Register.SupplyAt(fixture.SecurityId, before));
    }
}

using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Market.Offerings;
using Registra.Tests.Register;
using static Registra.Tests.Market.Offerings.OfferingWorld;

namespace Registra.Tests.Market.Offerings;

/// <summary>Subscribing, amending and withdrawing while the window is open, and what is rejected.</summary>
public sealed class OfferingSubscriptionTests
{
    [Fact]
    public void Subscription_Placed_MovesCashIntoEscrow()
    {
        var fixture = Create();
        Open(fixture);

        Subscribe(fixture, "dave", "250");

        Assert.Equal("97500", CashOf(fixture, "dave"));
        Assert.Equal("2500", Offering(fixture).Escrow.Format(2));
        Assert.Equal(250, (long)Offering(fixture).Subscriptions["dave"].Quantity.Units);
        Assert.Equal(0, fixture.Balance(Dave));
        AssertInvariants(fixture);
    }

    [Fact]
    public void EscrowedCash_Withdrawal_IsRejected()
    {
        var fixture = Create();
        Open(fixture, max: "10000", cap: "10000");
        Subscribe(fixture, "dave", "9000");

        fixture.AssertRejected(new Cash.WithdrawCash(Cash.CashOwnerKind.Identity, "dave", Usd, Amount.FromUnits(1_000_001)),
            Reasons.Reasons.InsufficientCash);
    }

    [Fact]
    public void InsufficientCash_Subscription_IsRejected()
    {
        var fixture = Create();
        Open(fixture, cap: "20000", max: "20000");

        var failures = fixture.AssertRejected(Subscription("dave", "10001"), Reasons.Reasons.InsufficientCash);

        Assert.Equal("100010", failures.Single().Limit);
        Assert.Equal("100000", failures.Single().Current);
    }

    [Fact]
    public void MissingCashAccount_Subscription_IsRejected()
    {
        var fixture = Create();
        fixture.AddInvestor("gus");
        Open(fixture);

        fixture.AssertRejected(Subscription("gus", "10"), Reasons.Reasons.NotFound);
    }

    [Fact]
    public void AboveMaximum_Subscription_IsRejected()
    {
        var fixture = Create();
        Open(fixture, max: "500");

        var failures = fixture.AssertRejected(Subscription("dave", "501"), Reasons.Reasons.AboveMaximumSubscription);

        Assert.Equal("500", failures.Single().Limit);
        Assert.Equal("501", failures.Single().Current);
    }

    [Fact]
    public void BelowMinimum_Subscription_IsRejected()
    {
        var fixture = Create();
        Open(fixture, min: "100");

        fixture.AssertRejected(Subscription("dave", "99"), Reasons.Reasons.BelowMinimumSubscription);
    }

    [Fact]
    public void OffLot_Subscription_IsRejected()
    {
        var fixture = Create();
        Open(fixture, lot: "10");

        fixture.AssertRejected(Subscription("dave", "105"), Reasons.Reasons.QuantityOffLot);
    }

    [Theory]
    [InlineData("0", "invalid_amount")]
    [InlineData("-5", "invalid_amount")]
    [InlineData("ten", "invalid_amount")]
    [InlineData("1.5", "invalid_granularity")]
    [InlineData("", "invalid_amount")]
    public void BadQuantity_Subscription_IsRejected(string quantity, string code)
    {
        var fixture = Create();
        Open(fixture);

        var failures = fixture.AssertRejected(Subscription("dave", quantity));

        Assert.Equal(code, failures[0].Code.Name);
    }

    [Fact]
    public void UnverifiedInvestor_Subscription_RejectedWithTransferReason()
    {
        var fixture = Create();
        fixture.MustExecute(new RegisterIdentity("frank", IdentityKind.Individual, "Frank"));
        fixture.MustExecute(new AddAccount("frank", "frank-1"));
        MarketFixture.Fund(fixture, "frank", 1_000_000);
        Open(fixture);

        var failures = fixture.AssertRejected(Subscription("frank", "10"), Reasons.Reasons.ReceiverNotVerified);

        // A transfer to Frank fails for the same reason.
        var check = fixture.Register.CheckTransfer(new Transfer(fixture.SecurityId, RegisterFixture.Alice, "frank-1", Amount.FromUnits(10)), fixture.Now);
        Assert.Equal(RegisterFixture.Codes(check), RegisterFixture.Codes(failures));
    }

    [Fact]
    public void BlockedCountry_Subscription_IsRejected()
    {
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new CountryRule(Block: ["KP"])]);
        fixture.AddInvestor("gus", (ClaimTypes.Jurisdiction, "KP"));
        MarketFixture.Fund(fixture, "gus", 1_000_000);
        Open(fixture);

        fixture.AssertRejected(Subscription("gus", "10"), Reasons.Reasons.CountryNotAllowed);
    }

    [Fact]
    public void FrozenAccount_Subscription_IsRejected()
    {
        var fixture = Create();
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, RegisterFixture.Alice));
        Open(fixture);

        fixture.AssertRejected(Subscription("alice", "10"), Reasons.Reasons.AccountFrozen);
    }

    [Fact]
    public void PausedSecurity_Subscription_IsRejected()
    {
        var fixture = Create();
        Open(fixture);
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));

        fixture.AssertRejected(Subscription("dave", "10"), Reasons.Reasons.SecurityPaused);
    }

    [Fact]
    public void BeforeWindow_Subscription_IsRejected()
    {
        var fixture = Create();
        fixture.MustExecute(new OpenOffering(fixture.SecurityId, "ipo-1", Usd, "10", "1000", fixture.Now.AddDays(1), fixture.Now.AddDays(2)) { Actor = Agent });

        fixture.AssertRejected(Subscription("dave", "10"), Reasons.Reasons.SubscriptionWindowNotOpen);
        fixture.AdvanceTo(fixture.Now.AddDays(1));
        Subscribe(fixture, "dave", "10");
    }

    [Fact]
    public void AfterWindow_Changes_AreRejected()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "100");
        fixture.AdvanceTo(Offering(fixture).Terms.ClosesAt);

        fixture.AssertRejected(Subscription("erin", "10"), Reasons.Reasons.SubscriptionWindowClosed);
        fixture.AssertRejected(new AmendSubscription("ipo-1", "dave", "50") { Actor = Actor.Investor("dave") }, Reasons.Reasons.SubscriptionWindowClosed);
        fixture.AssertRejected(new WithdrawSubscription("ipo-1", "dave") { Actor = Actor.Investor("dave") }, Reasons.Reasons.SubscriptionWindowClosed);
    }

    [Fact]
    public void SecondSubscription_SameIdentity_IsRejected()
    {
        var fixture = Create();
        fixture.MustExecute(new AddAccount("dave", "dave-2"));
        Open(fixture);
        Subscribe(fixture, "dave", "100");

        fixture.AssertRejected(new Subscribe("ipo-1", "dave-2", "100") { Actor = Actor.Investor("dave") }, Reasons.Reasons.AlreadyExists);
    }

    [Fact]
    public void OtherInvestor_Subscription_IsDenied()
    {
        var fixture = Create();
        Open(fixture);

        fixture.AssertRejected(new Subscribe("ipo-1", Dave, "10") { Actor = Actor.Investor("erin") }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new Subscribe("ipo-1", Dave, "10") { Actor = RegisterFixture.Agent(Permissions.Transfer) }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(new Subscribe("ipo-1", Dave, "10") { Actor = Agent });
    }

    [Fact]
    public void UnknownOfferingOrAccount_Subscription_IsNotFound()
    {
        var fixture = Create();
        Open(fixture);

        fixture.AssertRejected(Subscription("dave", "10", offeringId: "nope"), Reasons.Reasons.NotFound);
        fixture.AssertRejected(new Subscribe("ipo-1", "ghost-1", "10") { Actor = Agent }, Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Amendment_Down_ReturnsDifferenceAndKeepsPlace()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "300");
        Subscribe(fixture, "erin", "300");

        fixture.MustExecute(new AmendSubscription("ipo-1", "dave", "100") { Actor = Actor.Investor("dave") });

        Assert.Equal("99000", CashOf(fixture, "dave"));
        Assert.Equal(1, Offering(fixture).Subscriptions["dave"].Priority);
        Assert.Equal("4000", Offering(fixture).Escrow.Format(2));
        AssertInvariants(fixture);
    }

    [Fact]
    public void Amendment_Up_TakesMoreCashAndMovesBack()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "100");
        Subscribe(fixture, "erin", "100");

        fixture.MustExecute(new AmendSubscription("ipo-1", "dave", "400") { Actor = Actor.Investor("dave") });

        Assert.Equal("96000", CashOf(fixture, "dave"));
        Assert.Equal(3, Offering(fixture).Subscriptions["dave"].Priority);
        AssertInvariants(fixture);
    }

    [Fact]
    public void Amendment_BadInput_ChangesNothing()
    {
        var fixture = Create();
        Open(fixture, max: "500");
        Subscribe(fixture, "dave", "100");
        var dave = Actor.Investor("dave");

        fixture.AssertRejected(new AmendSubscription("ipo-1", "dave", "100") { Actor = dave }, Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(new AmendSubscription("ipo-1", "dave", "501") { Actor = dave }, Reasons.Reasons.AboveMaximumSubscription);
        fixture.AssertRejected(new AmendSubscription("ipo-1", "dave", "0") { Actor = dave }, Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(new AmendSubscription("ipo-1", "erin", "10") { Actor = Actor.Investor("erin") }, Reasons.Reasons.NotFound);
        fixture.AssertRejected(new AmendSubscription("ipo-1", "dave", "200") { Actor = Actor.Investor("erin") }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Amendment_Up_NeedsCashForTheIncrease()
    {
        var fixture = Create();
        Open(fixture, cap: "20000", max: "20000");
        Subscribe(fixture, "dave", "9000");

        fixture.AssertRejected(new AmendSubscription("ipo-1", "dave", "10001") { Actor = Actor.Investor("dave") }, Reasons.Reasons.InsufficientCash);
        fixture.MustExecute(new AmendSubscription("ipo-1", "dave", "10000") { Actor = Actor.Investor("dave") });
        Assert.Equal("0", CashOf(fixture, "dave"));
    }

    [Fact]
    public void Withdrawal_RefundsAll()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "100");

        fixture.MustExecute(new WithdrawSubscription("ipo-1", "dave") { Actor = Actor.Investor("dave") });

        Assert.Equal("100000", CashOf(fixture, "dave"));
        Assert.Empty(Offering(fixture).Subscriptions);
        Assert.Equal(Amount.Zero, Offering(fixture).Escrow);
        fixture.AssertRejected(new WithdrawSubscription("ipo-1", "dave") { Actor = Actor.Investor("dave") }, Reasons.Reasons.NotFound);

        // A withdrawn investor may subscribe again, at the back of the queue.
        Subscribe(fixture, "dave", "50");
        Assert.Equal(2, Offering(fixture).Subscriptions["dave"].Priority);
        AssertInvariants(fixture);
    }

    [Fact]
    public void PausedSecurity_Withdrawal_IsAllowed()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "100");
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));

        fixture.MustExecute(new WithdrawSubscription("ipo-1", "dave") { Actor = Actor.Investor("dave") });

        Assert.Equal("100000", CashOf(fixture, "dave"));
    }
}

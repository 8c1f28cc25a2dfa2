using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.Offerings;
using Registra.Tests.Register;
using static Registra.Tests.Market.Offerings.OfferingWorld;

namespace Registra.Tests.Market.Offerings;

/// <summary>Named scenarios of closing an offering: allocation, issuance, payment and refunds in one command.</summary>
public sealed class OfferingCloseTests
{
    [Fact]
    public void Oversubscribed_Close_AllocatesProRataExactly()
    {
        // 1,500 units requested for 1,000 on offer: shares of 400, 333.33 and 266.67 round down to
        // 400, 333 and 266, and the one unit left goes to Dave's larger remainder (0.67 over 0.33).
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "alice", "600");
        Subscribe(fixture, "bob", "500");
        Subscribe(fixture, "dave", "400");

        var result = Close(fixture);

        Assert.Equal(400, (long)AllocationOf(fixture, "alice").Allocated);
        Assert.Equal(333, (long)AllocationOf(fixture, "bob").Allocated);
        Assert.Equal(267, (long)AllocationOf(fixture, "dave").Allocated);
        Assert.Equal(1400, fixture.Balance(RegisterFixture.Alice));
        Assert.Equal(833, fixture.Balance(RegisterFixture.Bob));
        Assert.Equal(267, fixture.Balance(Dave));
        Assert.Equal(2500, fixture.Supply);
        Assert.Equal("96000", CashOf(fixture, "alice"));
        Assert.Equal("96670", CashOf(fixture, "bob"));
        Assert.Equal("97330", CashOf(fixture, "dave"));
        Assert.Equal("10000", IssuerCash(fixture));
        Assert.Equal(OfferingStatus.Settled, Offering(fixture).Status);
        Assert.Equal(Amount.Zero, Offering(fixture).Escrow);
        Assert.Equal(3, result.Events.OfType<Issued>().Count());
        AssertInvariants(fixture);
    }

    [Fact]
    public void Undersubscribed_Close_GivesEveryoneTheirRequest()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "alice", "300");
        Subscribe(fixture, "dave", "200");

        Close(fixture);

        Assert.Equal(300, (long)AllocationOf(fixture, "alice").Allocated);
        Assert.Equal(200, (long)AllocationOf(fixture, "dave").Allocated);
        Assert.Equal(0, (long)AllocationOf(fixture, "dave").Refund);
        Assert.Equal("5000", IssuerCash(fixture));
        Assert.Equal("98000", CashOf(fixture, "dave"));
        Assert.Equal(2000, fixture.Supply);
        AssertInvariants(fixture);
    }

    [Fact]
    public void EqualRemainders_Close_FavourEarlierSubscription()
    {
        // Three subscriptions of 5 for 10 units: shares of 3.33 each, so the one unit left goes
        // to the earliest in the queue. Alice grew hers last, which moved her to the back.
        var fixture = Create();
        Open(fixture, cap: "10");
        Subscribe(fixture, "alice", "4");
        Subscribe(fixture, "bob", "5");
        Subscribe(fixture, "dave", "5");
        fixture.MustExecute(new AmendSubscription("ipo-1", "alice", "5") { Actor = Actor.Investor("alice") });

        Close(fixture);

        Assert.Equal(4, (long)AllocationOf(fixture, "bob").Allocated);
        Assert.Equal(3, (long)AllocationOf(fixture, "dave").Allocated);
        Assert.Equal(3, (long)AllocationOf(fixture, "alice").Allocated);
    }

    [Fact]
    public void ShareBelowMinimum_Close_RedistributesUnits()
    {
        // Lots of 10, minimum 100. Dave's share of 1,000 among 2,100 requested is 40, below the
        // minimum, so he gets nothing and Alice and Bob split the 1,000 evenly.
        var fixture = Create();
        Open(fixture, min: "100", lot: "10");
        Subscribe(fixture, "alice", "1000");
        Subscribe(fixture, "bob", "1000");
        Subscribe(fixture, "dave", "100");

        Close(fixture);

        Assert.Equal(500, (long)AllocationOf(fixture, "alice").Allocated);
        Assert.Equal(500, (long)AllocationOf(fixture, "bob").Allocated);
        var dave = AllocationOf(fixture, "dave");
        Assert.Equal(AllocationOutcome.BelowMinimum, dave.Outcome);
        Assert.Equal(0, (long)dave.Allocated);
        Assert.Equal("100000", CashOf(fixture, "dave"));
        Assert.Equal(0, fixture.Balance(Dave));
        AssertInvariants(fixture);
    }

    [Fact]
    public void Oversubscribed_Close_IssuesExactlyTheCap()
    {
        var fixture = Create();
        Open(fixture, cap: "999", max: "999");
        foreach (var investor in Investors)
        {
            Subscribe(fixture, investor, "998");
        }

        Close(fixture);

        Assert.Equal(999, (long)Offering(fixture).Allocated.Units);
        Assert.Equal(1500 + 999, fixture.Supply);
        Assert.Equal("9990", IssuerCash(fixture));
        AssertInvariants(fixture);
    }

    [Fact]
    public void IneligibleAtClose_Close_RefundsInFull()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "alice", "600");
        Subscribe(fixture, "dave", "600");
        fixture.MustExecute(new RevokeClaim("dave", "dave-kyc-1"));

        Close(fixture);

        var dave = AllocationOf(fixture, "dave");
        Assert.Equal(AllocationOutcome.Ineligible, dave.Outcome);
        Assert.Equal(Reasons.Reasons.ReceiverNotVerified.Name, dave.Reason);
        Assert.Equal(0, (long)dave.Allocated);
        Assert.Equal("100000", CashOf(fixture, "dave"));
        Assert.Equal(0, fixture.Balance(Dave));

        // Without Dave the offering is no longer oversubscribed, so Alice gets her whole request.
        Assert.Equal(600, (long)AllocationOf(fixture, "alice").Allocated);
        AssertInvariants(fixture);
    }

    [Fact]
    public void MaxHoldersAtClose_Close_RefundsLaterNewHolder()
    {
        // Alice and Bob hold units, so one more holder fits under a maximum of three. Dave and Erin
        // each pass alone, but at close Dave, earlier in the queue, takes the last place.
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(3)]);
        Open(fixture);
        Subscribe(fixture, "dave", "100");
        Subscribe(fixture, "erin", "100");

        Close(fixture);

        Assert.Equal(100, fixture.Balance(Dave));
        var erin = AllocationOf(fixture, "erin");
        Assert.Equal(AllocationOutcome.Ineligible, erin.Outcome);
        Assert.Equal(Reasons.Reasons.MaxHoldersReached.Name, erin.Reason);
        Assert.Equal(0, fixture.Balance(Erin));
        Assert.Equal(3, fixture.HolderCount);
        Assert.Equal("100000", CashOf(fixture, "erin"));
        AssertInvariants(fixture);
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void CascadingIneligibility_Close_StopsAfterMaxRounds(int cascade, bool accepted)
    {
        // Twenty subscribers each request the whole cap, which every n from 5 to 20 divides, so n
        // subscribers get cap / n each. Subscriber r holds just enough already that it passes the
        // maximum balance at every share smaller than cap / (20 - r), so it fails in round r only:
        // each round drops exactly one more subscriber.
        const long Cap = 232_792_560;
        var fixture = Create();
        fixture.MustExecute(Terms(fixture, cap: Cap.ToString(System.Globalization.CultureInfo.InvariantCulture), price: "0.01"));
        var subscribers = Enumerable.Range(0, 20).Select(r => $"s{r:D2}").ToArray();
        foreach (var identity in subscribers)
        {
            fixture.AddInvestor(identity);
            MarketFixture.Fund(fixture, identity, Cap);
            Subscribe(fixture, identity, Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var r = 0; r < cascade; r++)
        {
            fixture.MustExecute(new Issue(fixture.SecurityId, subscribers[r] + "-1", Amount.FromUnits(Cap - (Cap / (20 - r)) + 1)));
        }

        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule(Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fixture.AdvanceTo(Offering(fixture).Terms.ClosesAt);
        var close = new CloseOffering("ipo-1") { Actor = Agent };

        if (!accepted)
        {
            fixture.AssertRejected(close, Reasons.Reasons.AllocationUnresolved);
            return;
        }

        fixture.MustExecute(close);
        var ineligible = Offering(fixture).Allocations.Where(a => a.Outcome == AllocationOutcome.Ineligible).Select(a => a.IdentityId);
        Assert.Equal(subscribers.Take(cascade), ineligible);
        Assert.All(Offering(fixture).Allocations.Where(a => a.Outcome == AllocationOutcome.Ineligible),
            a => Assert.Equal(Reasons.Reasons.MaxBalanceExceeded.Name, a.Reason));
        Assert.All(subscribers.Skip(cascade), identity => Assert.Equal(Cap / 5, (long)AllocationOf(fixture, identity).Allocated));
        AssertInvariants(fixture);
    }

    [Fact]
    public void SupplyCapPassedBeforeClose_Close_ChangesNothing()
    {
        var fixture = Create(supplyCap: Amount.FromUnits(2500));
        Open(fixture);
        Subscribe(fixture, "dave", "800");
        fixture.MustExecute(new Issue(fixture.SecurityId, RegisterFixture.Bob, Amount.FromUnits(500)));
        fixture.AdvanceTo(Offering(fixture).Terms.ClosesAt);

        fixture.AssertRejected(new CloseOffering("ipo-1") { Actor = Agent }, Reasons.Reasons.SupplyCapExceeded);

        Assert.Equal(OfferingStatus.Open, Offering(fixture).Status);
        Assert.Equal("92000", CashOf(fixture, "dave"));
        Assert.Equal("8000", Offering(fixture).Escrow.Format(2));
    }

    [Fact]
    public void PausedSecurity_Close_ChangesNothing()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "800");
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));
        fixture.AdvanceTo(Offering(fixture).Terms.ClosesAt);

        fixture.AssertRejected(new CloseOffering("ipo-1") { Actor = Agent }, Reasons.Reasons.SecurityPaused);

        fixture.MustExecute(new UnpauseSecurity(fixture.SecurityId));
        fixture.MustExecute(new CloseOffering("ipo-1") { Actor = Agent });
        Assert.Equal(800, fixture.Balance(Dave));
    }

    [Fact]
    public void WindowStillOpen_Close_NeedsEarlyFlag()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "100");

        fixture.AssertRejected(new CloseOffering("ipo-1") { Actor = Agent }, Reasons.Reasons.SubscriptionWindowStillOpen);
        var result = fixture.MustExecute(new CloseOffering("ipo-1", Early: true) { Actor = Agent });

        Assert.True(result.Events.OfType<OfferingClosed>().Single().Early);
        Assert.True(Offering(fixture).ClosedEarly);
        Assert.Equal(100, fixture.Balance(Dave));
    }

    [Fact]
    public void MinimumRaiseNotMet_Close_RefundsEveryone()
    {
        var fixture = Create();
        Open(fixture, minimumRaise: "5000.00");
        Subscribe(fixture, "alice", "300");
        Subscribe(fixture, "dave", "100");

        var result = Close(fixture);

        Assert.Equal(OfferingStatus.Refunded, Offering(fixture).Status);
        Assert.Empty(result.Events.OfType<Issued>());
        Assert.All(Offering(fixture).Allocations, a => Assert.Equal(AllocationOutcome.MinimumRaiseNotMet, a.Outcome));
        Assert.Equal("100000", CashOf(fixture, "alice"));
        Assert.Equal("100000", CashOf(fixture, "dave"));
        Assert.Equal("0", IssuerCash(fixture));
        Assert.Equal(1500, fixture.Supply);
        AssertInvariants(fixture);
    }

    [Fact]
    public void MinimumRaiseMet_Close_Settles()
    {
        var fixture = Create();
        Open(fixture, minimumRaise: "5000.00");
        Subscribe(fixture, "alice", "300");
        Subscribe(fixture, "dave", "200");

        Close(fixture);

        Assert.Equal(OfferingStatus.Settled, Offering(fixture).Status);
        Assert.Equal("5000", IssuerCash(fixture));
    }

    [Fact]
    public void Cancel_Offering_RefundsEverySubscription()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "alice", "600");
        Subscribe(fixture, "dave", "400");

        fixture.MustExecute(new CancelOffering("ipo-1") { Actor = Agent });

        Assert.Equal(OfferingStatus.Cancelled, Offering(fixture).Status);
        Assert.Equal("100000", CashOf(fixture, "alice"));
        Assert.Equal("100000", CashOf(fixture, "dave"));
        Assert.Equal(Amount.Zero, Offering(fixture).Escrow);
        Assert.Equal("10000", Offering(fixture).Refunded.Format(2));
        Assert.Equal(1500, fixture.Supply);
        fixture.AssertRejected(new CloseOffering("ipo-1", Early: true) { Actor = Agent }, Reasons.Reasons.OfferingNotOpen);
        fixture.AssertRejected(Subscription("bob", "10"), Reasons.Reasons.OfferingNotOpen);
        AssertInvariants(fixture);
    }

    [Fact]
    public void ClosedOffering_CloseAgain_IsRejected()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "dave", "100");
        Close(fixture);

        fixture.AssertRejected(new CloseOffering("ipo-1") { Actor = Agent }, Reasons.Reasons.OfferingNotOpen);
        fixture.AssertRejected(new CancelOffering("ipo-1") { Actor = Agent }, Reasons.Reasons.OfferingNotOpen);
    }

    [Fact]
    public void NoSubscriptions_Close_SettlesWithNothingIssued()
    {
        var fixture = Create();
        Open(fixture);

        var result = Close(fixture);

        Assert.Equal(OfferingStatus.Settled, Offering(fixture).Status);
        Assert.Empty(result.Events.OfType<Issued>());
        Assert.Empty(Offering(fixture).Allocations);
    }

    [Fact]
    public void Investor_Close_IsDenied()
    {
        var fixture = Create();
        Open(fixture);
        fixture.AdvanceTo(Offering(fixture).Terms.ClosesAt);

        fixture.AssertRejected(new CloseOffering("ipo-1") { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new CancelOffering("ipo-1") { Actor = RegisterFixture.Agent(Permissions.Actions) }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new CloseOffering("nope") { Actor = Agent }, Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Close_Events_FollowQueueOrder()
    {
        var fixture = Create();
        Open(fixture);
        Subscribe(fixture, "erin", "100");
        Subscribe(fixture, "alice", "100");

        var events = Close(fixture).Events;

        Assert.IsType<OfferingClosed>(events[0]);
        Assert.Equal(new[] { Erin, RegisterFixture.Alice }, events.OfType<Issued>().Select(e => e.AccountId));
        var recorded = Assert.IsType<OfferingAllocationsRecorded>(events[^1]);
        Assert.Equal(new[] { "alice", "erin" }, recorded.Allocations.Select(a => a.IdentityId));
    }
}

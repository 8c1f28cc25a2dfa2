using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market;
using Registra.Register;
using Registra.Tests.Register;

namespace Registra.Tests.Market;

public sealed class HoldTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static readonly Actor BobInvestor = Actor.Investor("bob");
    private static readonly Actor AliceInvestor = Actor.Investor("alice");

    private static long Spendable(RegisterFixture fixture, string account) =>
        (long)fixture.Register.PositionOf(fixture.SecurityId, account)!.Spendable.Units;

    private static CreateHold HoldOf(RegisterFixture fixture, string id, long amount) =>
        new(id, fixture.SecurityId, Alice, Bob, Amount.FromUnits(amount), fixture.Now.AddDays(1)) { Actor = AliceInvestor };

    [Fact]
    public void Hold_Open_ReducesSpendable()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(HoldOf(fixture, "h1", 600));

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(400, Spendable(fixture, Alice));
    }

    [Fact]
    public void Hold_AboveSpendable_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));

        fixture.AssertRejected(HoldOf(fixture, "h2", 401), Reasons.Reasons.InsufficientSpendableBalance);
    }

    [Fact]
    public void Hold_DuplicateId_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 100));

        fixture.AssertRejected(HoldOf(fixture, "h1", 100), Reasons.Reasons.AlreadyExists);
    }

    [Fact]
    public void Hold_BadInput_ChangesNothing()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(HoldOf(fixture, "h1", 0), Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(HoldOf(fixture, "h1", -5), Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(HoldOf(fixture, "bad id", 5), Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(HoldOf(fixture, "h1", 5) with { ExpiresAt = fixture.Now }, Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(HoldOf(fixture, "h1", 5) with { SecurityId = "nope" }, Reasons.Reasons.NotFound);
        fixture.AssertRejected(HoldOf(fixture, "h1", 5) with { Actor = BobInvestor }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Hold_PartialExecute_ReleasesRest()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));

        fixture.MustExecute(new ExecuteHold("h1", Amount.FromUnits(400)) { Actor = BobInvestor });

        Assert.Equal(600, fixture.Balance(Alice));
        Assert.Equal(900, fixture.Balance(Bob));
        Assert.Equal(600, Spendable(fixture, Alice));
        Assert.Equal(HoldStatus.Executed, fixture.Register.State.Market.Holds["h1"].Status);
    }

    [Fact]
    public void Hold_PartialExecuteKeptOpen_StillHoldsRest()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));

        fixture.MustExecute(new ExecuteHold("h1", Amount.FromUnits(400), KeepOpen: true) { Actor = BobInvestor });

        Assert.Equal(600, fixture.Balance(Alice));
        Assert.Equal(400, Spendable(fixture, Alice));
        Assert.Equal(200, (long)fixture.Register.State.Market.Holds["h1"].Remaining.Units);
        fixture.MustExecute(new ExecuteHold("h1") { Actor = BobInvestor });
        Assert.Equal(400, fixture.Balance(Alice));
        Assert.Equal(1100, fixture.Balance(Bob));
    }

    [Fact]
    public void Hold_Expired_CannotExecute()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));
        fixture.Advance(TimeSpan.FromDays(1));

        fixture.AssertRejected(new ExecuteHold("h1") { Actor = BobInvestor }, Reasons.Reasons.HoldExpired);
        fixture.MustExecute(new ReleaseHold("h1") { Actor = AliceInvestor });
        Assert.Equal(1000, Spendable(fixture, Alice));
    }

    [Fact]
    public void ExpirySweep_ReleasesOnlyExpiredHolds()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 300));
        fixture.MustExecute(HoldOf(fixture, "h2", 200) with { ExpiresAt = fixture.Now.AddDays(3) });
        fixture.MustExecute(HoldOf(fixture, "h3", 100));
        fixture.MustExecute(new ReleaseHold("h3") { Actor = BobInvestor });

        var early = fixture.MustExecute(new ReleaseExpiredHolds());
        fixture.Advance(TimeSpan.FromDays(1));
        var due = fixture.MustExecute(new ReleaseExpiredHolds());

        Assert.Empty(early.Events);
        var released = Assert.IsType<HoldReleased>(Assert.Single(due.Events));
        Assert.Equal("h1", released.HoldId);
        Assert.Equal(Hold.ExpiryAgent, released.Agent);
        Assert.Equal(HoldStatus.Expired, fixture.Register.State.Market.Holds["h1"].Status);
        Assert.Equal(HoldStatus.Open, fixture.Register.State.Market.Holds["h2"].Status);
        Assert.Equal(HoldStatus.Released, fixture.Register.State.Market.Holds["h3"].Status);
        Assert.Equal(800, Spendable(fixture, Alice));
    }

    [Fact]
    public void ExpirySweep_SweptHold_RejectsExecuteAndRelease()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 300));
        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new ReleaseExpiredHolds());

        var execute = fixture.AssertRejected(new ExecuteHold("h1") { Actor = BobInvestor }, Reasons.Reasons.HoldNotOpen);
        var release = fixture.AssertRejected(new ReleaseHold("h1") { Actor = AliceInvestor }, Reasons.Reasons.HoldNotOpen);

        Assert.Equal("expired", Assert.Single(execute).Current);
        Assert.Contains("server released it", Assert.Single(execute).Hint);
        Assert.Contains("server released it", Assert.Single(release).Hint);
        Assert.Equal(1000, Spendable(fixture, Alice));
    }

    [Fact]
    public void Hold_PastExpiry_HintNamesLedgerTime()
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(HoldOf(fixture, "h1", 5) with { ExpiresAt = fixture.Now.AddDays(-1) },
            Reasons.Reasons.InvalidArgument);

        var failure = Assert.Single(failures);
        Assert.Equal(fixture.Now.ToString("O"), failure.Limit);
        Assert.Contains(fixture.Now.ToString("O"), failure.Hint);
    }

    [Fact]
    public void ExpirySweep_OldestFirst_UpToLimit()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "late", 100) with { ExpiresAt = fixture.Now.AddHours(2) });
        fixture.MustExecute(HoldOf(fixture, "early", 100) with { ExpiresAt = fixture.Now.AddHours(1) });
        fixture.Advance(TimeSpan.FromHours(3));

        var first = fixture.MustExecute(new ReleaseExpiredHolds(Limit: 1));
        var second = fixture.MustExecute(new ReleaseExpiredHolds(Limit: 1));

        Assert.Equal("early", Assert.IsType<HoldReleased>(Assert.Single(first.Events)).HoldId);
        Assert.Equal("late", Assert.IsType<HoldReleased>(Assert.Single(second.Events)).HoldId);
        Assert.Equal(1000, Spendable(fixture, Alice));
    }

    [Fact]
    public void ExpirySweep_NonOperatorOrZeroLimit_Rejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 300));
        fixture.Advance(TimeSpan.FromDays(1));

        fixture.AssertRejected(new ReleaseExpiredHolds() { Actor = AliceInvestor }, Reasons.Reasons.PermissionDenied);
        fixture.AssertRejected(new ReleaseExpiredHolds(Limit: 0), Reasons.Reasons.InvalidArgument);
        Assert.Equal(HoldStatus.Open, fixture.Register.State.Market.Holds["h1"].Status);
        Assert.Equal(700, Spendable(fixture, Alice));
    }

    [Fact]
    public void Hold_SenderBeforeExpiry_CannotRelease()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));

        fixture.AssertRejected(new ReleaseHold("h1") { Actor = AliceInvestor }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(new ReleaseHold("h1") { Actor = BobInvestor });
        fixture.AssertRejected(new ExecuteHold("h1") { Actor = BobInvestor }, Reasons.Reasons.HoldNotOpen);
    }

    [Fact]
    public void Hold_HeldUnits_CannotBeTransferred()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(401)), Reasons.Reasons.InsufficientSpendableBalance);
        fixture.AssertRejected(new Redeem(fixture.SecurityId, Alice, Amount.FromUnits(401)), Reasons.Reasons.InsufficientSpendableBalance);
        fixture.AssertRejected(new FreezeAmount(fixture.SecurityId, Alice, Amount.FromUnits(401)), Reasons.Reasons.InsufficientUnfrozenBalance);
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(400)));
    }

    [Fact]
    public void Hold_Execution_ChecksCompliance()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Bob));

        fixture.AssertRejected(new ExecuteHold("h1") { Actor = BobInvestor }, Reasons.Reasons.AccountFrozen);
    }

    [Fact]
    public void Split_WithOpenHold_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(HoldOf(fixture, "h1", 600));
        var split = new SplitSecurity(fixture.SecurityId, 2, 1) { Actor = RegisterFixture.Agent(Permissions.Actions) };

        fixture.AssertRejected(split, Reasons.Reasons.MarketActivityOpen);
        fixture.MustExecute(new ReleaseHold("h1") { Actor = BobInvestor });
        fixture.MustExecute(split);
        Assert.Equal(2000, fixture.Balance(Alice));
    }

    [Fact]
    public void Split_WithQueuedTransfer_ScalesHeldAmount()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]);
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)));

        fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 3, 1) { Actor = RegisterFixture.Agent(Permissions.Actions) });

        Assert.Equal(300, (long)fixture.Register.PositionOf(fixture.SecurityId, Alice)!.Held.Units);
        Assert.Equal(2700, Spendable(fixture, Alice));
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void ApprovalEscrow_Queued_HoldsAmount()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]);

        var queued = fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)) { Actor = AliceInvestor });

        Assert.Equal(900, Spendable(fixture, Alice));
        fixture.MustExecute(new ApproveTransfer(queued.CreatedId!) { Actor = RegisterFixture.Agent(Permissions.Transfer) });
        Assert.Equal(900, fixture.Balance(Alice));
        Assert.Equal(600, fixture.Balance(Bob));
        Assert.Equal(900, Spendable(fixture, Alice));
        Assert.Equal(0, (long)fixture.Register.PositionOf(fixture.SecurityId, Alice)!.Held.Units);
    }

    [Fact]
    public void ApprovalEscrow_Cancelled_RestoresSpendable()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]);
        var queued = fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)) { Actor = AliceInvestor });

        fixture.AssertRejected(new CancelTransfer(queued.CreatedId!) { Actor = BobInvestor }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(new CancelTransfer(queued.CreatedId!) { Actor = AliceInvestor });

        Assert.Equal(1000, Spendable(fixture, Alice));
        Assert.Equal(PendingStatus.Cancelled, fixture.Register.State.PendingTransfers[queued.CreatedId!].Status);
        fixture.AssertRejected(new ApproveTransfer(queued.CreatedId!) { Actor = RegisterFixture.Agent(Permissions.Transfer) },
            Reasons.Reasons.ApprovalNotPending);
    }

    [Fact]
    public void ApprovalEscrow_SecondQueue_SeesHeldAmount()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]);
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(700)));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(301)), Reasons.Reasons.InsufficientSpendableBalance);
    }
}

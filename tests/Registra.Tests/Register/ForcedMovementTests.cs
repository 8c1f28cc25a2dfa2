using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;

namespace Registra.Tests.Register;

public sealed class ForcedMovementTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static readonly Actor TransferAgent = RegisterFixture.Agent(Permissions.Transfer);
    private static readonly Actor SupplyAgent = RegisterFixture.Agent(Permissions.Supply);

    private static Amount Units(long units) => Amount.FromUnits(units);

    private static RegisterFixture AliceMostlyFrozen()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(900)));
        return fixture;
    }

    [Fact]
    public void ForcedTransfer_PastFrozen_MovesAmount()
    {
        var fixture = AliceMostlyFrozen();

        fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(950)) { Actor = TransferAgent });

        Assert.Equal(50, fixture.Balance(Alice));
        Assert.Equal(50, fixture.Frozen(Alice));
        Assert.Equal(1450, fixture.Balance(Bob));
    }

    [Fact]
    public void ForcedTransfer_PastFrozen_RecordsUnfreezeFirst()
    {
        var fixture = AliceMostlyFrozen();

        var result = fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(950)) { Actor = TransferAgent });

        Assert.Equal(2, result.Events.Count);
        var unfrozen = Assert.IsType<AmountUnfrozen>(result.Events[0]);
        Assert.Equal(850, (long)unfrozen.Units);
        var moved = Assert.IsType<Transferred>(result.Events[1]);
        Assert.True(moved.Forced);
        Assert.Equal("agent-1", moved.Agent);
    }

    [Fact]
    public void ForcedTransfer_WithoutTransferPermission_IsDenied()
    {
        var fixture = AliceMostlyFrozen();

        var failures = fixture.AssertRejected(
            new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(950)) { Actor = RegisterFixture.Agent(Permissions.Supply | Permissions.Freeze) },
            Reasons.Reasons.PermissionDenied);

        Assert.Equal(403, failures[0].Code.HttpStatus);
    }

    [Fact]
    public void ForcedRedeem_PastFrozen_LeavesRestFrozen()
    {
        var fixture = AliceMostlyFrozen();

        var result = fixture.MustExecute(new Redeem(fixture.SecurityId, Alice, Units(950)) { Actor = SupplyAgent });

        Assert.Equal(50, fixture.Balance(Alice));
        Assert.Equal(50, fixture.Frozen(Alice));
        Assert.Equal(550, fixture.Supply);
        Assert.IsType<AmountUnfrozen>(result.Events[0]);
    }

    [Fact]
    public void ForcedRedeem_MoreThanBalance_IsRejected()
    {
        var fixture = AliceMostlyFrozen();

        fixture.AssertRejected(new Redeem(fixture.SecurityId, Alice, Units(1001)) { Actor = SupplyAgent }, Reasons.Reasons.InsufficientBalance);

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(900, fixture.Frozen(Alice));
        Assert.Equal(1500, fixture.Supply);
    }

    [Fact]
    public void ForcedTransfer_FrozenAccount_SkipsSenderFreeze()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Alice));

        fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = TransferAgent });

        Assert.Equal(900, fixture.Balance(Alice));
    }

    [Fact]
    public void ForcedTransfer_DuringLockUp_SkipsSenderLockUp()
    {
        var fixture = RegisterFixture.Create();
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new LockUpRule(fixture.Now.AddYears(1)));
        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(100)), Reasons.Reasons.TokensLocked);

        fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = TransferAgent });

        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void ForcedTransfer_MoreThanBalance_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(
            new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(1001), "court order 7") { Actor = TransferAgent },
            Reasons.Reasons.InsufficientBalance);
    }

    [Fact]
    public void ForcedTransfer_UnverifiedReceiverWithOverride_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new RegisterIdentity("dora", IdentityKind.Individual, "Dora"));
        fixture.MustExecute(new AddAccount("dora", "dora-1"));

        fixture.AssertRejected(
            new ForcedTransfer(fixture.SecurityId, Alice, "dora-1", Units(100), "court order 7") { Actor = TransferAgent },
            Reasons.Reasons.ReceiverNotVerified);
    }

    [Fact]
    public void ForcedTransfer_AccountWithoutIdentity_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(
            new ForcedTransfer(fixture.SecurityId, Alice, RegisterFixture.Carol, Units(100), "court order 7") { Actor = TransferAgent },
            Reasons.Reasons.ReceiverNotVerified);
    }

    [Fact]
    public void ForcedTransfer_AboveReceiverCap_IsRejected()
    {
        var fixture = CappedBob();

        fixture.AssertRejected(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = TransferAgent }, Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal(100, fixture.Balance(Bob));
    }

    [Fact]
    public void ForcedTransfer_WithOverride_ExceedsReceiverCap()
    {
        var fixture = CappedBob();

        var result = fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100), "court order 7") { Actor = TransferAgent });

        Assert.Equal(200, fixture.Balance(Bob));
        var moved = Assert.IsType<Transferred>(Assert.Single(result.Events));
        Assert.Equal("court order 7", moved.OverrideReason);
        Assert.Equal("agent-1", moved.Agent);
        Assert.True(moved.Forced);
    }

    [Fact]
    public void ForcedTransfer_AfterOverride_CapStillApplies()
    {
        var fixture = CappedBob();
        fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100), "court order 7") { Actor = TransferAgent });

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(1)), Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal(200, fixture.Balance(Bob));
    }

    [Fact]
    public void ForcedTransfer_BlankOverrideReason_IsRejected()
    {
        var fixture = CappedBob();

        fixture.AssertRejected(
            new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100), "  ") { Actor = TransferAgent },
            Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void ForcedTransfer_BlockedCountryWithoutOverride_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        var kim = fixture.AddInvestor("kim", (ClaimTypes.Jurisdiction, "KP"));
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]), new CountryRule(null, ["KP"]));

        fixture.AssertRejected(new ForcedTransfer(fixture.SecurityId, Alice, kim, Units(10)) { Actor = TransferAgent }, Reasons.Reasons.CountryNotAllowed);
    }

    [Fact]
    public void ForcedTransfer_FullHoldersWithoutOverride_IsRejected()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(2)]);
        var carla = fixture.AddInvestor("carla");

        fixture.AssertRejected(new ForcedTransfer(fixture.SecurityId, Alice, carla, Units(10)) { Actor = TransferAgent }, Reasons.Reasons.MaxHoldersReached);
    }

    /// <summary>Bob holds 100 under a cap of 150 per identity.</summary>
    private static RegisterFixture CappedBob() =>
        RegisterFixture.Create(bob: 100, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("150")]);
}

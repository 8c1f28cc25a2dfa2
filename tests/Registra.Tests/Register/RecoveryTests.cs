using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;

namespace Registra.Tests.Register;

public sealed class RecoveryTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;
    private const string AliceNew = "alice-2";

    private static readonly Actor TransferAgent = RegisterFixture.Agent(Permissions.Transfer);

    private static Amount Units(long units) => Amount.FromUnits(units);

    /// <summary>Alice holds 1000 in two lots, 300 of it frozen and her account frozen, and has a second, empty account.</summary>
    private static RegisterFixture AliceWithLostKey()
    {
        var fixture = RegisterFixture.Create(alice: 600);
        fixture.Advance(TimeSpan.FromDays(30));
        fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Units(400)));
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(300)));
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Alice));
        fixture.MustExecute(new AddAccount("alice", AliceNew));
        fixture.Advance(TimeSpan.FromDays(1));
        return fixture;
    }

    [Fact]
    public void Recovery_SameIdentity_MovesPositionUnchanged()
    {
        var fixture = AliceWithLostKey();
        var before = fixture.Register.PositionOf(fixture.SecurityId, Alice)!;
        var lotsBefore = before.Lots.ToList();

        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });

        var after = fixture.Register.PositionOf(fixture.SecurityId, AliceNew)!;
        Assert.Equal(1000, (long)after.Balance.Units);
        Assert.Equal(300, (long)after.Frozen.Units);
        Assert.True(after.IsFrozen);
        Assert.Equal(lotsBefore, after.Lots);
    }

    [Fact]
    public void Recovery_SameIdentity_EmptiesAndClosesOldAccount()
    {
        var fixture = AliceWithLostKey();

        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });

        var old = fixture.Register.PositionOf(fixture.SecurityId, Alice)!;
        Assert.Equal(0, fixture.Balance(Alice));
        Assert.Equal(0, fixture.Frozen(Alice));
        Assert.False(old.IsFrozen);
        Assert.Empty(old.Lots);
        Assert.True(fixture.Register.State.Accounts[Alice].IsClosed);
        Assert.Equal(AliceNew, fixture.Register.State.Accounts[Alice].RecoveredTo);
    }

    [Fact]
    public void Recovery_SameIdentity_KeepsHolderCount()
    {
        var fixture = AliceWithLostKey();

        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });

        Assert.Equal(2, fixture.HolderCount);
        Assert.Empty(Registra.Register.Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void Recovery_ClosedAccount_CannotReceive()
    {
        var fixture = AliceWithLostKey();
        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Bob, Alice, Units(10)), Reasons.Reasons.AccountClosed);
    }

    [Fact]
    public void Recovery_ClosedAccount_CannotBeRecoveredAgain()
    {
        var fixture = AliceWithLostKey();
        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });
        fixture.MustExecute(new AddAccount("alice", "alice-3"));

        fixture.AssertRejected(new RecoverAccount(Alice, "alice-3") { Actor = TransferAgent }, Reasons.Reasons.AccountClosed);
    }

    [Fact]
    public void Recovery_OtherIdentity_IsRejected()
    {
        var fixture = AliceWithLostKey();

        fixture.AssertRejected(new RecoverAccount(Alice, Bob) { Actor = TransferAgent }, Reasons.Reasons.RecoveryNotAllowed);

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.False(fixture.Register.State.Accounts[Alice].IsClosed);
    }

    [Fact]
    public void Recovery_SameAccount_IsRejected()
    {
        var fixture = AliceWithLostKey();

        fixture.AssertRejected(new RecoverAccount(Alice, Alice) { Actor = TransferAgent }, Reasons.Reasons.RecoveryNotAllowed);
    }

    [Fact]
    public void Recovery_EmptyAccount_IsRejected()
    {
        var fixture = AliceWithLostKey();
        fixture.MustExecute(new AddAccount("alice", "alice-3"));

        fixture.AssertRejected(new RecoverAccount(AliceNew, "alice-3") { Actor = TransferAgent }, Reasons.Reasons.RecoveryNotAllowed);
    }

    [Fact]
    public void Recovery_WithoutTransferPermission_IsDenied()
    {
        var fixture = AliceWithLostKey();

        var failures = fixture.AssertRejected(
            new RecoverAccount(Alice, AliceNew) { Actor = RegisterFixture.Agent(Permissions.Freeze | Permissions.Supply) },
            Reasons.Reasons.PermissionDenied);

        Assert.Equal(403, failures[0].Code.HttpStatus);
    }

    [Fact]
    public void Recovery_UnknownAccount_IsNotFound()
    {
        var fixture = AliceWithLostKey();

        fixture.AssertRejected(new RecoverAccount(Alice, "alice-9") { Actor = TransferAgent }, Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Recovery_UnderIdentityCap_StillCountsForIdentity()
    {
        var fixture = RegisterFixture.Create(alice: 100, rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);
        fixture.MustExecute(new AddAccount("alice", AliceNew));
        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });

        fixture.AssertRejected(new Issue(fixture.SecurityId, AliceNew, Units(1)), Reasons.Reasons.MaxBalanceExceeded);
        fixture.AssertRejected(new Transfer(fixture.SecurityId, Bob, AliceNew, Units(1)), Reasons.Reasons.MaxBalanceExceeded);

        Assert.Equal(100, fixture.Balance(AliceNew));
        Assert.Equal(0, fixture.Balance(Alice));
        Assert.Equal(100, (long)fixture.Security.TotalOf("alice").Units);
    }

    [Fact]
    public void Recovery_NewAccount_CanSendAfterUnfreeze()
    {
        var fixture = AliceWithLostKey();
        fixture.MustExecute(new RecoverAccount(Alice, AliceNew) { Actor = TransferAgent });
        fixture.MustExecute(new UnfreezeAccount(fixture.SecurityId, AliceNew));

        fixture.MustExecute(new Transfer(fixture.SecurityId, AliceNew, Bob, Units(700)));

        Assert.Equal(300, fixture.Balance(AliceNew));
        Assert.Equal(300, fixture.Frozen(AliceNew));
    }
}

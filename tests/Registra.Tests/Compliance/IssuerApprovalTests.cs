using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Register;
using Registra.Tests.Register;

namespace Registra.Tests.Compliance;

public sealed class IssuerApprovalTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    private static readonly Actor TransferAgent = RegisterFixture.Agent(Permissions.Transfer);

    /// <summary>Queues a transfer of 100 from Alice to Bob that expires after seven days.</summary>
    private static (RegisterFixture Fixture, string TransferId) Queued()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]);
        var result = fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(100)));
        return (fixture, result.CreatedId!);
    }

    [Fact]
    public void Approval_Queued_MovesNothing()
    {
        var (fixture, transferId) = Queued();

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(PendingStatus.Pending, fixture.Register.State.PendingTransfers[transferId].Status);
    }

    [Fact]
    public void Approval_Approved_SettlesOnce()
    {
        var (fixture, transferId) = Queued();

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = TransferAgent });

        Assert.Equal(900, fixture.Balance(Alice));
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void Approval_ApprovedTwice_IsRejected()
    {
        var (fixture, transferId) = Queued();
        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = TransferAgent });

        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = TransferAgent }, Reasons.Reasons.ApprovalNotPending);

        Assert.Equal(900, fixture.Balance(Alice));
    }

    [Fact]
    public void Approval_AfterExpiry_IsRejected()
    {
        var (fixture, transferId) = Queued();
        fixture.Advance(TimeSpan.FromDays(7));

        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = TransferAgent }, Reasons.Reasons.ApprovalExpired);

        Assert.Equal(1000, fixture.Balance(Alice));
    }

    [Fact]
    public void Approval_JustBeforeExpiry_Settles()
    {
        var (fixture, transferId) = Queued();
        fixture.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = TransferAgent });

        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void Approval_Denied_ChangesNoBalance()
    {
        var (fixture, transferId) = Queued();

        fixture.MustExecute(new DenyTransfer(transferId, "missing documents") { Actor = TransferAgent });

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(500, fixture.Balance(Bob));
        Assert.Equal(PendingStatus.Denied, fixture.Register.State.PendingTransfers[transferId].Status);
    }

    [Fact]
    public void Approval_AfterDenial_IsRejected()
    {
        var (fixture, transferId) = Queued();
        fixture.MustExecute(new DenyTransfer(transferId, "missing documents") { Actor = TransferAgent });

        fixture.AssertRejected(new ApproveTransfer(transferId) { Actor = TransferAgent }, Reasons.Reasons.ApprovalNotPending);
    }

    [Fact]
    public void Approval_WithoutTransferPermission_IsDenied()
    {
        var (fixture, transferId) = Queued();

        var failures = fixture.AssertRejected(
            new ApproveTransfer(transferId) { Actor = RegisterFixture.Agent(Permissions.Compliance) },
            Reasons.Reasons.PermissionDenied);

        Assert.Equal(403, failures[0].Code.HttpStatus);
    }

    [Fact]
    public void Approval_QueuedUnits_CannotBeSpentMeanwhile()
    {
        var (fixture, transferId) = Queued();

        // The queued 100 are held, so only 900 of Alice's 1000 can be redeemed while it waits.
        fixture.AssertRejected(new Redeem(fixture.SecurityId, Alice, Amount.FromUnits(950)), Reasons.Reasons.InsufficientSpendableBalance);
        fixture.MustExecute(new Redeem(fixture.SecurityId, Alice, Amount.FromUnits(900)));

        fixture.MustExecute(new ApproveTransfer(transferId) { Actor = TransferAgent });
        Assert.Equal(0, fixture.Balance(Alice));
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void Approval_UnknownTransfer_IsNotFound()
    {
        var (fixture, _) = Queued();

        fixture.AssertRejected(new ApproveTransfer("pt-999999") { Actor = TransferAgent }, Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Approval_BatchTransfer_IsRejected()
    {
        var (fixture, _) = Queued();

        fixture.AssertRejected(new BatchTransfer(fixture.SecurityId, [new TransferLeg(Alice, Bob, Amount.FromUnits(1))]), Reasons.Reasons.ApprovalRequired);
    }
}

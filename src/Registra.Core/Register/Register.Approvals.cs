using System.Globalization;
using Registra.Access;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Reasons;

namespace Registra.Register;

/// <summary>
/// The approval queue of securities with the issuer-approval rule: queueing, approvals by one or
/// several approvers, and denial. The sender's cancellation is with the holds, as it only ends a hold.
/// </summary>
public sealed partial class Register
{
    /// <summary>Queues a transfer that passed every check, with the rule's approval policy when it requires more than one approval by any agent.</summary>
    private CommandResult Queue(Transfer command, IssuerApprovalRule approval, DateTimeOffset now)
    {
        var id = $"pt-{State.PendingTransfers.Count + 1:D6}";
        var queued = new TransferQueued(id, command.SecurityId, command.FromAccountId, command.ToAccountId,
            command.Amount.Units, approval.ExpiresAt(now));
        if (!approval.HasApprovalPolicy)
        {
            return CommandResult.Of(queued) with { CreatedId = id };
        }

        var policy = new TransferApprovalsRequired(id, approval.RequiredApprovals, approval.Approvers ?? []);
        return CommandResult.Of(queued, policy) with { CreatedId = id };
    }

    /// <summary>
    /// Records one approval. Until the required number of distinct approvers have approved, the
    /// approval is only recorded. The last one judges the transfer again, because the register may
    /// have changed while it waited, and settles it.
    /// </summary>
    private CommandResult ExecuteApproval(ApproveTransfer command, DateTimeOffset now)
    {
        if (FindDecidable(command.TransferId, command.Actor, now, out var pending) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        if (pending.Approvals.Exists(approval => approval.Approver == command.Actor.Id))
        {
            return CommandResult.Rejected(new Failure(Reasons.Reasons.ApprovalAlreadyGiven, "issuer_approval",
                pending.RequiredApprovals.ToString(CultureInfo.InvariantCulture), command.Actor.Id,
                $"Transfer {pending.Id} has {pending.Approvals.Count} of its {pending.RequiredApprovals} approvals; another approver must approve it.")
            {
                Subject = pending.Id,
            });
        }

        if (pending.Approvals.Count + 1 < pending.RequiredApprovals)
        {
            var recorded = new TransferApprovalRecorded(pending.Id, command.Actor.Id);
            Commit(recorded, now);
            return CommandResult.Of(recorded) with { CreatedId = pending.Id };
        }

        var failures = new List<Failure>();
        var transfer = new Transfer(pending.SecurityId, pending.FromAccountId, pending.ToAccountId, pending.Amount) { Actor = Actor.Operator };
        CollectTransferFailures(transfer, now, _check, failures, reserved: pending.Amount);
        if (failures.Count > 0)
        {
            return CommandResult.Rejected(failures);
        }

        var approved = new TransferApproved(pending.Id, command.Actor.Id);
        var transferred = new Transferred(pending.SecurityId, pending.FromAccountId, pending.ToAccountId, pending.Amount.Units,
            Forced: false, Agent: null, OverrideReason: null);
        Commit(approved, now);
        Commit(transferred, now);
        return CommandResult.Of(approved, transferred);
    }

    /// <summary>Denies a pending transfer: one denial by any approver ends it, even after other approvals, and releases the held units.</summary>
    private CommandResult DecideDenyTransfer(DenyTransfer command, DateTimeOffset now)
    {
        // An expired transfer can still be denied, which ends its hold on the sender's units.
        if (FindDecidable(command.TransferId, command.Actor, now, out var pending, allowExpired: true) is { } failure)
        {
            return CommandResult.Rejected(failure);
        }

        return CommandResult.Of(new TransferDenied(pending.Id, command.Actor.Id, command.Reason ?? string.Empty));
    }

    /// <summary>
    /// Finds a transfer the actor may approve or deny now: pending, unexpired unless
    /// <paramref name="allowExpired"/>, and the actor an agent of the issuer with the transfer
    /// permission who is listed among the approvers when the transfer names them.
    /// </summary>
    private Failure? FindDecidable(string transferId, Actor actor, DateTimeOffset now, out PendingTransfer pending, bool allowExpired = false)
    {
        if (!State.PendingTransfers.TryGetValue(transferId, out pending!))
        {
            return NotFound("queued transfer", transferId);
        }

        if (FindSecurityFor(pending.SecurityId, actor, Permissions.Transfer, out _) is { } failure)
        {
            return failure;
        }

        if (pending.Approvers.Count > 0 && !pending.Approvers.Contains(actor.Id, StringComparer.Ordinal))
        {
            return new Failure(Reasons.Reasons.NotAnApprover, "issuer_approval", string.Join(", ", pending.Approvers), actor.Id,
                $"Ask one of {string.Join(", ", pending.Approvers)} to decide transfer {pending.Id}.") { Subject = pending.Id };
        }

        return allowExpired && pending.Status == PendingStatus.Pending ? null : Unresolved(pending, now);
    }

    private static Failure? Unresolved(PendingTransfer pending, DateTimeOffset now)
    {
        if (pending.Status != PendingStatus.Pending)
        {
            return NotPending(pending);
        }

        return now >= pending.ExpiresAt
            ? new Failure(Reasons.Reasons.ApprovalExpired, "issuer_approval", pending.ExpiresAt.ToString("O"), now.ToString("O"),
                "Ask the sender to submit the transfer again.") { Subject = pending.Id }
            : null;
    }

    private static Failure NotPending(PendingTransfer pending) =>
        new(Reasons.Reasons.ApprovalNotPending, "issuer_approval", "pending", pending.Status.ToString().ToLowerInvariant(),
            "Only a pending transfer can be approved or denied.") { Subject = pending.Id };

    /// <summary>Applies the approval queue's events of type codes 84 to 89.</summary>
    private void EvolveApproval(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case TransferApprovalsRequired e:
                var pending = State.PendingTransfers[e.TransferId];
                pending.RequiredApprovals = e.Approvals;
                pending.Approvers = [.. e.Approvers];
                break;
            case TransferApprovalRecorded e:
                State.PendingTransfers[e.TransferId].Approvals.Add(new ApprovalGiven(e.Agent, at));
                break;
        }
    }
}

namespace Registra.Api.Features.Movements;

/// <param name="Amount">Decimal string in the security's units, such as "12.5".</param>
public sealed record IssuanceRequest(string AccountId, string Amount);

public sealed record RedemptionRequest(string AccountId, string Amount);

public sealed record TransferRequest(string From, string To, string Amount);

public sealed record BatchTransferRequest(IReadOnlyList<TransferRequest> Transfers);

/// <param name="OverrideReason">Skips receiver-side rules; recorded in the ledger with the agent.</param>
public sealed record ForcedTransferRequest(string From, string To, string Amount, string? OverrideReason = null);

/// <param name="Amount">Freezes this part of the balance; without it the whole account is frozen.</param>
public sealed record FreezeRequest(string AccountId, string? Amount = null);

public sealed record RecoveryRequest(string NewAccountId);

public sealed record DenyRequest(string Reason);

/// <summary>The ledger position of an accepted command.</summary>
public sealed record Receipt(string Status, long Sequence, long BlockHeight, string? Id = null);

/// <summary>Every failing check of a transfer; empty when it would pass.</summary>
public sealed record CheckResult(bool Allowed, IReadOnlyList<object> Failures);

/// <summary>A transfer in a security's approval queue.</summary>
/// <param name="Status">pending, expired (pending past <c>expiresAt</c>, so it can only be denied or cancelled), approved, denied or cancelled.</param>
/// <param name="RequiredApprovals">Number of distinct approvers that must approve before the transfer settles.</param>
/// <param name="Approvers">Caller ids that alone may approve or deny; empty when any agent with the transfer permission may.</param>
/// <param name="Approvals">Approvals so far, oldest first.</param>
public sealed record QueuedTransferView(
    string Id,
    string SecurityId,
    string From,
    string To,
    string Amount,
    DateTimeOffset ExpiresAt,
    string Status,
    int RequiredApprovals,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<ApprovalView> Approvals);

/// <param name="Approver">Caller id of the approver, such as key:k_1a2b.</param>
/// <param name="At">Ledger time the approval was recorded.</param>
public sealed record ApprovalView(string Approver, DateTimeOffset At);

using Registra.Amounts;

namespace Registra.Register;

public enum PendingStatus
{
    Pending,
    Approved,
    Denied,

    /// <summary>Withdrawn by the sender before the last approval.</summary>
    Cancelled,
}

/// <summary>One approval of a queued transfer: the approver's caller id and the ledger time it was recorded.</summary>
public sealed record ApprovalGiven(string Approver, DateTimeOffset At);

/// <summary>A transfer waiting in a security's approval queue. While pending, its amount is held on the sender's position.</summary>
public sealed class PendingTransfer(string id, string securityId, string fromAccountId, string toAccountId, Amount amount, DateTimeOffset expiresAt)
{
    public string Id { get; } = id;

    public string SecurityId { get; } = securityId;

    public string FromAccountId { get; } = fromAccountId;

    public string ToAccountId { get; } = toAccountId;

    public Amount Amount { get; internal set; } = amount;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public PendingStatus Status { get; internal set; } = PendingStatus.Pending;

    /// <summary>Number of distinct approvers that must approve before the transfer settles; 1 unless the rule asked for more when it was queued.</summary>
    public int RequiredApprovals { get; internal set; } = 1;

    /// <summary>Caller ids that alone may approve or deny, as the rule listed them when the transfer was queued; empty for any agent with the transfer permission.</summary>
    public IReadOnlyList<string> Approvers { get; internal set; } = [];

    /// <summary>Approvals so far, oldest first; the last one of an approved transfer settled it.</summary>
    public List<ApprovalGiven> Approvals { get; } = [];

    /// <summary>True when the transfer was queued under an approval policy other than one approval by any agent.</summary>
    public bool HasApprovalPolicy => RequiredApprovals > 1 || Approvers.Count > 0;
}

using Registra.Amounts;

namespace Registra.Register;

public enum PendingStatus
{
    Pending,
    Approved,
    Denied,

    /// <summary>Withdrawn by the sender before an agent decided.</summary>
    Cancelled,
}

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
}

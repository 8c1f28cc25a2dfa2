using Registra.Amounts;

namespace Registra.Market;

public enum HoldStatus
{
    Open,

    /// <summary>Executed in full, or in part without keeping the rest open.</summary>
    Executed,

    Released,

    /// <summary>Released by the register's expiry sweep after <see cref="Hold.ExpiresAt"/>.</summary>
    Expired,
}

/// <summary>
/// Units of one account reserved for a receiver (escrow). While open, <see cref="Remaining"/>
/// counts in the sender's held amount, so no other movement can spend it.
/// </summary>
public sealed class Hold(string id, string securityId, string fromAccountId, string toAccountId, Amount amount, Amount remaining, DateTimeOffset expiresAt)
{
    public Hold(string id, string securityId, string fromAccountId, string toAccountId, Amount amount, DateTimeOffset expiresAt)
        : this(id, securityId, fromAccountId, toAccountId, amount, amount, expiresAt)
    {
    }

    public string Id { get; } = id;

    public string SecurityId { get; } = securityId;

    public string FromAccountId { get; } = fromAccountId;

    public string ToAccountId { get; } = toAccountId;

    /// <summary>The amount first held.</summary>
    public Amount Amount { get; } = amount;

    /// <summary>What is still held: the amount less every partial execution.</summary>
    public Amount Remaining { get; internal set; } = remaining;

    /// <summary>From this instant on the hold cannot be executed, only released.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public HoldStatus Status { get; internal set; } = HoldStatus.Open;

    /// <summary>
    /// The agent recorded when the expiry sweep releases a hold. No caller's actor id can equal it:
    /// identity ids contain no space, and other actor ids start with "key:" or "jwt:" or are "operator".
    /// </summary>
    public const string ExpiryAgent = "expiry sweep";
}

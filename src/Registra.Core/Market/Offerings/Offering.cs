using Registra.Amounts;

namespace Registra.Market.Offerings;

/// <summary>
/// A primary offering of one security: its terms, the open subscriptions with the cash they
/// moved into the offering's escrow, and once closed the allocation of every subscriber.
/// </summary>
public sealed class Offering(OfferingTerms terms, string openedBy, DateTimeOffset openedAt)
{
    public OfferingTerms Terms { get; } = terms;

    public string Id => Terms.Id;

    public string SecurityId => Terms.SecurityId;

    public string OpenedBy { get; } = openedBy;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public OfferingStatus Status { get; internal set; } = OfferingStatus.Open;

    /// <summary>Open subscriptions by identity id; empty once the offering is closed or cancelled.</summary>
    public Dictionary<string, Subscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Place in the queue the next new or enlarged subscription takes; starts at 1 and never repeats.</summary>
    public long NextPriority { get; internal set; } = 1;

    /// <summary>Minor units held for the open subscriptions: the sum of their cash.</summary>
    public Amount Escrow { get; internal set; }

    /// <summary>Units requested by the open subscriptions.</summary>
    public Amount Subscribed { get; internal set; }

    /// <summary>When the offering was closed or cancelled; null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; internal set; }

    /// <summary>True when the agent closed the offering before its window ended.</summary>
    public bool ClosedEarly { get; internal set; }

    public string? EndedBy { get; internal set; }

    /// <summary>Units issued at close.</summary>
    public Amount Allocated { get; internal set; }

    /// <summary>Minor units paid to the issuer at close.</summary>
    public Amount Raised { get; internal set; }

    /// <summary>Minor units returned to subscribers at close or cancellation.</summary>
    public Amount Refunded { get; internal set; }

    /// <summary>Number of subscriptions when the offering closed or was cancelled.</summary>
    public int SubscriberCount { get; internal set; }

    /// <summary>Every subscriber's outcome once closed, ordered by identity id (ordinal); empty before.</summary>
    public List<OfferingAllocation> Allocations { get; } = [];
}

public enum OfferingStatus : byte
{
    /// <summary>Takes subscriptions within its window and waits to be closed or cancelled.</summary>
    Open = 1,

    /// <summary>Closed: units issued to the allocated subscribers, cash paid to the issuer, the rest refunded.</summary>
    Settled = 2,

    /// <summary>Closed below the minimum raise: nothing issued and every subscription refunded.</summary>
    Refunded = 3,

    /// <summary>Cancelled by the agent: every subscription refunded.</summary>
    Cancelled = 4,
}

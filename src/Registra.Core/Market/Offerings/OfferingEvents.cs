using Registra.Amounts;
using Registra.Canonical;
using Registra.Market.Offerings;

namespace Registra.Events;

/// <summary>An offering opened with its terms; quantities in the security's smallest units, money in minor units.</summary>
public sealed record OfferingOpened(
    string OfferingId,
    string SecurityId,
    string Currency,
    Int128 Price,
    Int128 LotSize,
    Int128 MinPerInvestor,
    Int128 MaxPerInvestor,
    Int128 Cap,
    Int128? MinimumRaise,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    string OpenedBy) : RegisterEvent(EventType.OfferingOpened)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteString(Currency);
        writer.WriteInt128(Price);
        writer.WriteInt128(LotSize);
        writer.WriteInt128(MinPerInvestor);
        writer.WriteInt128(MaxPerInvestor);
        writer.WriteInt128(Cap);
        writer.WriteOptionalInt128(MinimumRaise);
        writer.WriteInstant(OpensAt);
        writer.WriteInstant(ClosesAt);
        writer.WriteString(OpenedBy);
    }

    public static OfferingOpened Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInt128(), reader.ReadInt128(),
            reader.ReadInt128(), reader.ReadInt128(), reader.ReadOptionalInt128(), reader.ReadInstant(), reader.ReadInstant(), reader.ReadString());

    public OfferingTerms ToTerms() =>
        new(OfferingId, SecurityId, Currency, new Amount(Price), new Amount(LotSize), new Amount(MinPerInvestor), new Amount(MaxPerInvestor),
            new Amount(Cap), MinimumRaise is { } raise ? new Amount(raise) : null, OpensAt, ClosesAt);
}

/// <summary>A subscription: <paramref name="Cash"/> minor units moved from the identity's cash account into the offering's escrow.</summary>
public sealed record SubscriptionPlaced(string OfferingId, string SecurityId, string IdentityId, string AccountId, Int128 Quantity, Int128 Cash)
    : RegisterEvent(EventType.SubscriptionPlaced)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteString(IdentityId);
        writer.WriteString(AccountId);
        writer.WriteInt128(Quantity);
        writer.WriteInt128(Cash);
    }

    public static SubscriptionPlaced Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInt128());
}

/// <summary>
/// A subscription's new quantity and cash. The difference to the old cash moves between the
/// identity's cash account and the escrow. A larger quantity takes a new place at the back of the queue.
/// </summary>
public sealed record SubscriptionAmended(string OfferingId, string SecurityId, string IdentityId, Int128 Quantity, Int128 Cash)
    : RegisterEvent(EventType.SubscriptionAmended)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteString(IdentityId);
        writer.WriteInt128(Quantity);
        writer.WriteInt128(Cash);
    }

    public static SubscriptionAmended Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInt128());
}

/// <summary>A subscription withdrawn; its <paramref name="Refund"/> minor units return from escrow to the identity's cash account.</summary>
public sealed record SubscriptionWithdrawn(string OfferingId, string SecurityId, string IdentityId, Int128 Refund)
    : RegisterEvent(EventType.SubscriptionWithdrawn)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteString(IdentityId);
        writer.WriteInt128(Refund);
    }

    public static SubscriptionWithdrawn Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

/// <summary>
/// Ends an offering with its totals. In the same command follow an <see cref="Issued"/> event per
/// allocated subscriber, in queue order, and the <see cref="OfferingAllocationsRecorded"/> events
/// that pay the issuer and refund the subscribers out of escrow.
/// </summary>
/// <param name="Status"><see cref="OfferingStatus.Settled"/> or <see cref="OfferingStatus.Refunded"/>.</param>
public sealed record OfferingClosed(
    string OfferingId,
    string SecurityId,
    OfferingStatus Status,
    bool Early,
    Int128 Allocated,
    Int128 Raised,
    Int128 Refunded,
    int Subscribers,
    string ClosedBy) : RegisterEvent(EventType.OfferingClosed)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteByte((byte)Status);
        writer.WriteBool(Early);
        writer.WriteInt128(Allocated);
        writer.WriteInt128(Raised);
        writer.WriteInt128(Refunded);
        writer.WriteInt32(Subscribers);
        writer.WriteString(ClosedBy);
    }

    public static OfferingClosed Read(ref CanonicalReader reader)
    {
        var id = reader.ReadString();
        var securityId = reader.ReadString();
        var status = (OfferingStatus)reader.ReadByte();
        if (status is not (OfferingStatus.Settled or OfferingStatus.Refunded))
        {
            throw new FormatException($"Offering {id} closed with status {(byte)status}, which is neither settled nor refunded.");
        }

        return new(id, securityId, status, reader.ReadBool(), reader.ReadInt128(), reader.ReadInt128(), reader.ReadInt128(), reader.ReadInt32(),
            reader.ReadString());
    }
}

/// <summary>
/// Up to <see cref="MaxAllocations"/> subscribers' outcomes at close, in identity id order. Each
/// allocation's paid amount moves from escrow to the issuer's operating cash account and its
/// refund to the identity's cash account, and the subscription ends.
/// </summary>
public sealed record OfferingAllocationsRecorded(string OfferingId, string SecurityId, IReadOnlyList<OfferingAllocation> Allocations)
    : RegisterEvent(EventType.OfferingAllocationsRecorded)
{
    /// <summary>Allocations per event: an estimated 90 KB of payload for ids of about ten characters, and 49 events for 100,000 subscribers.</summary>
    public const int MaxAllocations = 2048;

    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteLength(Allocations.Count);
        for (var i = 0; i < Allocations.Count; i++)
        {
            var allocation = Allocations[i];
            writer.WriteString(allocation.IdentityId);
            writer.WriteString(allocation.AccountId);
            writer.WriteVarInt128(allocation.Requested);
            writer.WriteVarInt128(allocation.Allocated);
            writer.WriteVarInt128(allocation.Paid);
            writer.WriteVarInt128(allocation.Refund);
            writer.WriteByte((byte)allocation.Outcome);
            writer.WriteString(allocation.Reason);
        }
    }

    public static OfferingAllocationsRecorded Read(ref CanonicalReader reader)
    {
        var id = reader.ReadString();
        var securityId = reader.ReadString();
        var allocations = new OfferingAllocation[reader.ReadLength()];
        for (var i = 0; i < allocations.Length; i++)
        {
            allocations[i] = ReadAllocation(ref reader);
        }

        return new(id, securityId, allocations);
    }

    internal static OfferingAllocation ReadAllocation(ref CanonicalReader reader)
    {
        var identityId = reader.ReadString();
        var accountId = reader.ReadString();
        var requested = reader.ReadVarInt128();
        var allocated = reader.ReadVarInt128();
        var paid = reader.ReadVarInt128();
        var refund = reader.ReadVarInt128();
        var outcome = (AllocationOutcome)reader.ReadByte();
        if (!Enum.IsDefined(outcome))
        {
            throw new FormatException($"Unknown allocation outcome {(byte)outcome} for identity {identityId}.");
        }

        return new OfferingAllocation(identityId, accountId, requested, allocated, paid, refund, outcome, reader.ReadString());
    }
}

/// <summary>An offering cancelled: every open subscription's cash returns from escrow to its identity, <paramref name="Refunded"/> in all.</summary>
public sealed record OfferingCancelled(string OfferingId, string SecurityId, Int128 Refunded, string CancelledBy)
    : RegisterEvent(EventType.OfferingCancelled)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OfferingId);
        writer.WriteString(SecurityId);
        writer.WriteInt128(Refunded);
        writer.WriteString(CancelledBy);
    }

    public static OfferingCancelled Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadString());
}

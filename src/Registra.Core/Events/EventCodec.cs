using System.Buffers;
using Registra.Canonical;

namespace Registra.Events;

/// <summary>
/// The canonical byte encoding of ledger events: format version (1 byte), type code
/// (2 bytes), schema version (1 byte), sequence (8), timestamp in UTC ticks (8), then the
/// payload fields. Hashes and signatures are computed over exactly these bytes.
/// </summary>
public static class EventCodec
{
    public const byte FormatVersion = 1;

    public static void Encode(LedgerEvent ledgerEvent, IBufferWriter<byte> output) =>
        Encode(ledgerEvent.Sequence, ledgerEvent.Timestamp, ledgerEvent.Payload, new CanonicalWriter(output));

    /// <summary>
    /// Encodes an event from its parts through a writer the caller reuses, so the sequencer
    /// allocates neither a <see cref="LedgerEvent"/> nor a writer per event.
    /// </summary>
    public static void Encode(long sequence, DateTimeOffset timestamp, RegisterEvent payload, CanonicalWriter writer)
    {
        writer.WriteByte(FormatVersion);
        writer.WriteUInt16((ushort)payload.Type);
        writer.WriteByte(payload.SchemaVersion);
        writer.WriteInt64(sequence);
        writer.WriteInstant(timestamp);
        payload.Write(writer);
    }

    public static byte[] Encode(LedgerEvent ledgerEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        Encode(ledgerEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one event; throws <see cref="FormatException"/> on malformed or trailing bytes.</summary>
    public static LedgerEvent Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var format = reader.ReadByte();
        if (format != FormatVersion)
        {
            throw new FormatException($"Unknown event format version {format}; this build reads version {FormatVersion}.");
        }

        var type = (EventType)reader.ReadUInt16();
        var schema = reader.ReadByte();
        if (schema != 1)
        {
            throw new FormatException($"Unknown schema version {schema} for event type {type}.");
        }

        var sequence = reader.ReadInt64();
        var timestamp = reader.ReadInstant();
        var payload = ReadPayload(type, ref reader);
        if (!reader.AtEnd)
        {
            throw new FormatException($"Event {sequence} of type {type} has trailing bytes.");
        }

        return new LedgerEvent(sequence, timestamp, payload);
    }

    private static RegisterEvent ReadPayload(EventType type, ref CanonicalReader reader) => type switch
    {
        EventType.IssuerCreated => IssuerCreated.Read(ref reader),
        EventType.SecurityCreated => SecurityCreated.Read(ref reader),
        EventType.TrustedIssuerAdded => TrustedIssuerAdded.Read(ref reader),
        EventType.TrustedIssuerRemoved => TrustedIssuerRemoved.Read(ref reader),
        EventType.RulesSet => RulesSet.Read(ref reader),
        EventType.ClaimIssuerRegistered => ClaimIssuerRegistered.Read(ref reader),
        EventType.IdentityRegistered => IdentityRegistered.Read(ref reader),
        EventType.AccountAdded => AccountAdded.Read(ref reader),
        EventType.ClaimAdded => ClaimAdded.Read(ref reader),
        EventType.ClaimRevoked => ClaimRevoked.Read(ref reader),
        EventType.Issued => Issued.Read(ref reader),
        EventType.Redeemed => Redeemed.Read(ref reader),
        EventType.Transferred => Transferred.Read(ref reader),
        EventType.AccountFrozen => AccountFrozen.Read(ref reader),
        EventType.AccountUnfrozen => AccountUnfrozen.Read(ref reader),
        EventType.AmountFrozen => AmountFrozen.Read(ref reader),
        EventType.AmountUnfrozen => AmountUnfrozen.Read(ref reader),
        EventType.SecurityPaused => SecurityPaused.Read(ref reader),
        EventType.SecurityUnpaused => SecurityUnpaused.Read(ref reader),
        EventType.AccountRecovered => AccountRecovered.Read(ref reader),
        EventType.TransferQueued => TransferQueued.Read(ref reader),
        EventType.TransferApproved => TransferApproved.Read(ref reader),
        EventType.TransferDenied => TransferDenied.Read(ref reader),
        EventType.SecuritySplit => SecuritySplit.Read(ref reader),
        EventType.DocumentAttached => DocumentAttached.Read(ref reader),
        EventType.DocumentRemoved => DocumentRemoved.Read(ref reader),
        EventType.StockSplit => StockSplit.Read(ref reader),
        EventType.StockDividendIssued => StockDividendIssued.Read(ref reader),
        EventType.BallotCreated => BallotCreated.Read(ref reader),
        EventType.VoteCast => VoteCast.Read(ref reader),
        EventType.BallotCertified => BallotCertified.Read(ref reader),
        EventType.CashAccountOpened => Cash.CashAccountOpened.Read(ref reader),
        EventType.CashDeposited => Cash.CashDeposited.Read(ref reader),
        EventType.CashWithdrawn => Cash.CashWithdrawn.Read(ref reader),
        EventType.CashInLieuPaid => Cash.CashInLieuPaid.Read(ref reader),
        EventType.DistributionAnnounced => CorporateActions.Distributions.DistributionAnnounced.Read(ref reader),
        EventType.DistributionPaid => CorporateActions.Distributions.DistributionPaid.Read(ref reader),
        EventType.DistributionPayoutsRecorded => CorporateActions.Distributions.DistributionPayoutsRecorded.Read(ref reader),
        EventType.DistributionClaimed => CorporateActions.Distributions.DistributionClaimed.Read(ref reader),
        EventType.DistributionReclaimed => CorporateActions.Distributions.DistributionReclaimed.Read(ref reader),
        EventType.DistributionCancelled => CorporateActions.Distributions.DistributionCancelled.Read(ref reader),
        EventType.SecurityRedeemedAtMaturity => CorporateActions.Distributions.SecurityRedeemedAtMaturity.Read(ref reader),
        EventType.HoldCreated => HoldCreated.Read(ref reader),
        EventType.HoldExecuted => HoldExecuted.Read(ref reader),
        EventType.HoldReleased => HoldReleased.Read(ref reader),
        EventType.TransferCancelled => TransferCancelled.Read(ref reader),
        EventType.InstructionCreated => InstructionCreated.Read(ref reader),
        EventType.InstructionAffirmed => InstructionAffirmed.Read(ref reader),
        EventType.AffirmationWithdrawn => AffirmationWithdrawn.Read(ref reader),
        EventType.InstructionSettled => InstructionSettled.Read(ref reader),
        EventType.InstructionCancelled => InstructionCancelled.Read(ref reader),
        EventType.CashTransferred => CashTransferred.Read(ref reader),
        EventType.MarketConfigured => MarketConfigured.Read(ref reader),
        EventType.OrderAccepted => OrderAccepted.Read(ref reader),
        EventType.OrderCancelled => OrderCancelled.Read(ref reader),
        EventType.TradeExecuted => TradeExecuted.Read(ref reader),
        EventType.OfferingOpened => OfferingOpened.Read(ref reader),
        EventType.SubscriptionPlaced => SubscriptionPlaced.Read(ref reader),
        EventType.SubscriptionAmended => SubscriptionAmended.Read(ref reader),
        EventType.SubscriptionWithdrawn => SubscriptionWithdrawn.Read(ref reader),
        EventType.OfferingClosed => OfferingClosed.Read(ref reader),
        EventType.OfferingAllocationsRecorded => OfferingAllocationsRecorded.Read(ref reader),
        EventType.OfferingCancelled => OfferingCancelled.Read(ref reader),
        EventType.TransferApprovalsRequired => TransferApprovalsRequired.Read(ref reader),
        EventType.TransferApprovalRecorded => TransferApprovalRecorded.Read(ref reader),
        _ => throw new FormatException($"Unknown event type code {(ushort)type}."),
    };
}

using Registra.Canonical;
using Registra.Events;

namespace Registra.CorporateActions.Distributions;

/// <param name="Amount">Total gross in minor units, or per whole unit in minor units times 10^8, as <paramref name="Basis"/> says.</param>
/// <param name="DefaultRatePpm">Withholding rates are in parts per million: 1,000,000 is 100 %.</param>
public sealed record DistributionAnnounced(
    string DistributionId,
    string SecurityId,
    DistributionKind Kind,
    string Currency,
    DistributionBasis Basis,
    Int128 Amount,
    DateTimeOffset RecordAt,
    DateTimeOffset PaymentAt,
    DateTimeOffset ClaimUntil,
    int DefaultRatePpm,
    IReadOnlyDictionary<string, int> RatesByJurisdiction,
    IReadOnlyDictionary<string, int> RatesByIdentity,
    IReadOnlyList<string> Excluded,
    string Reference) : RegisterEvent(EventType.DistributionAnnounced)
{
    public DistributionTerms ToTerms() =>
        new(DistributionId, SecurityId, Kind, Currency, Basis, Amount, RecordAt, PaymentAt, ClaimUntil,
            new WithholdingPolicy(DefaultRatePpm, RatesByJurisdiction, RatesByIdentity), Excluded, Reference);

    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DistributionId);
        writer.WriteString(SecurityId);
        writer.WriteByte((byte)Kind);
        writer.WriteString(Currency);
        writer.WriteByte((byte)Basis);
        writer.WriteInt128(Amount);
        writer.WriteInstant(RecordAt);
        writer.WriteInstant(PaymentAt);
        writer.WriteInstant(ClaimUntil);
        writer.WriteInt32(DefaultRatePpm);
        WriteRates(writer, RatesByJurisdiction);
        WriteRates(writer, RatesByIdentity);
        writer.WriteLength(Excluded.Count);
        foreach (var identityId in Excluded.Order(StringComparer.Ordinal))
        {
            writer.WriteString(identityId);
        }

        writer.WriteString(Reference);
    }

    public static DistributionAnnounced Read(ref CanonicalReader reader)
    {
        var id = reader.ReadString();
        var securityId = reader.ReadString();
        var kind = (DistributionKind)reader.ReadByte();
        var currency = reader.ReadString();
        var basis = (DistributionBasis)reader.ReadByte();
        var amount = reader.ReadInt128();
        var recordAt = reader.ReadInstant();
        var paymentAt = reader.ReadInstant();
        var claimUntil = reader.ReadInstant();
        var defaultRate = reader.ReadInt32();
        var byJurisdiction = ReadRates(ref reader);
        var byIdentity = ReadRates(ref reader);
        var excluded = new string[reader.ReadLength()];
        for (var i = 0; i < excluded.Length; i++)
        {
            excluded[i] = reader.ReadString();
        }

        return new(id, securityId, kind, currency, basis, amount, recordAt, paymentAt, claimUntil, defaultRate,
            byJurisdiction, byIdentity, excluded, reader.ReadString());
    }

    private static void WriteRates(CanonicalWriter writer, IReadOnlyDictionary<string, int> rates)
    {
        writer.WriteLength(rates.Count);
        foreach (var key in rates.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteString(key);
            writer.WriteInt32(rates[key]);
        }
    }

    private static Dictionary<string, int> ReadRates(ref CanonicalReader reader)
    {
        var count = reader.ReadLength();
        var rates = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            if (!rates.TryAdd(key, reader.ReadInt32()))
            {
                throw new FormatException($"Duplicate withholding rate key '{key}'.");
            }
        }

        return rates;
    }
}

/// <summary>
/// The totals of a payment: the issuer's operating account pays <paramref name="Gross"/> and the
/// issuer's tax account receives <paramref name="Withheld"/>. The payouts follow in
/// <see cref="DistributionPayoutsRecorded"/> events of the same block.
/// </summary>
public sealed record DistributionPaid(
    string DistributionId,
    string SecurityId,
    Int128 EligibleUnits,
    Int128 Gross,
    Int128 Withheld,
    Int128 NetPaid,
    Int128 Unclaimed,
    int HolderCount) : RegisterEvent(EventType.DistributionPaid)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DistributionId);
        writer.WriteString(SecurityId);
        writer.WriteInt128(EligibleUnits);
        writer.WriteInt128(Gross);
        writer.WriteInt128(Withheld);
        writer.WriteInt128(NetPaid);
        writer.WriteInt128(Unclaimed);
        writer.WriteInt32(HolderCount);
    }

    public static DistributionPaid Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInt128(), reader.ReadInt128(),
            reader.ReadInt128(), reader.ReadInt128(), reader.ReadInt32());
}

/// <summary>
/// Up to <see cref="MaxPayouts"/> payouts of one payment, in identity id order, each credited to the
/// holder's cash account unless held as unclaimed. Each payout is encoded compactly: the identity
/// id, then units, gross, withheld and rate as varints, then the status byte.
/// </summary>
public sealed record DistributionPayoutsRecorded(string DistributionId, string SecurityId, IReadOnlyList<HolderPayout> Payouts)
    : RegisterEvent(EventType.DistributionPayoutsRecorded)
{
    /// <summary>Payouts per event: about 150 KB of payload for short identity ids, so a million holders take 245 events.</summary>
    public const int MaxPayouts = 4096;

    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DistributionId);
        writer.WriteString(SecurityId);
        writer.WriteLength(Payouts.Count);
        for (var i = 0; i < Payouts.Count; i++)
        {
            var payout = Payouts[i];
            writer.WriteString(payout.IdentityId);
            writer.WriteVarInt128(payout.Units);
            writer.WriteVarInt128(payout.Gross);
            writer.WriteVarInt128(payout.Withheld);
            writer.WriteVarInt128(payout.RatePpm);
            writer.WriteByte((byte)payout.Status);
        }
    }

    public static DistributionPayoutsRecorded Read(ref CanonicalReader reader)
    {
        var id = reader.ReadString();
        var securityId = reader.ReadString();
        var payouts = new HolderPayout[reader.ReadLength()];
        for (var i = 0; i < payouts.Length; i++)
        {
            payouts[i] = new HolderPayout(reader.ReadString(), reader.ReadVarInt128(), reader.ReadVarInt128(), reader.ReadVarInt128(),
                checked((int)reader.ReadVarInt128()), (PayoutStatus)reader.ReadByte());
        }

        return new(id, securityId, payouts);
    }
}

/// <summary>A held net amount credited to the holder's cash account.</summary>
public sealed record DistributionClaimed(string DistributionId, string SecurityId, string IdentityId, Int128 Net)
    : RegisterEvent(EventType.DistributionClaimed)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DistributionId);
        writer.WriteString(SecurityId);
        writer.WriteString(IdentityId);
        writer.WriteInt128(Net);
    }

    public static DistributionClaimed Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

/// <summary>Every amount still held, returned to the issuer's operating cash account.</summary>
public sealed record DistributionReclaimed(string DistributionId, string SecurityId, Int128 Amount)
    : RegisterEvent(EventType.DistributionReclaimed)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DistributionId);
        writer.WriteString(SecurityId);
        writer.WriteInt128(Amount);
    }

    public static DistributionReclaimed Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

public sealed record DistributionCancelled(string DistributionId, string SecurityId) : RegisterEvent(EventType.DistributionCancelled)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DistributionId);
        writer.WriteString(SecurityId);
    }

    public static DistributionCancelled Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

/// <summary>The security's units were all retired at maturity by the redemption distribution; its status becomes redeemed.</summary>
public sealed record SecurityRedeemedAtMaturity(string SecurityId, string DistributionId) : RegisterEvent(EventType.SecurityRedeemedAtMaturity)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(DistributionId);
    }

    public static SecurityRedeemedAtMaturity Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

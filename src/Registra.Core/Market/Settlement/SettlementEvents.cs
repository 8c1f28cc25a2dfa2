using Registra.Amounts;
using Registra.Canonical;
using Registra.Market.Settlement;

namespace Registra.Events;

public sealed record InstructionCreated(
    string InstructionId,
    IReadOnlyList<SettlementLeg> Legs,
    string? MediatorId,
    DateTimeOffset ExpiresAt,
    string CreatedBy) : RegisterEvent(EventType.InstructionCreated)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(InstructionId);
        writer.WriteLength(Legs.Count);
        foreach (var leg in Legs)
        {
            writer.WriteByte((byte)leg.Kind);
            writer.WriteString(leg.Asset);
            writer.WriteString(leg.FromAccountId);
            writer.WriteString(leg.ToAccountId);
            writer.WriteInt128(leg.Amount.Units);
        }

        writer.WriteOptionalString(MediatorId);
        writer.WriteInstant(ExpiresAt);
        writer.WriteString(CreatedBy);
    }

    public static InstructionCreated Read(ref CanonicalReader reader)
    {
        var id = reader.ReadString();
        var count = reader.ReadLength();
        var legs = new List<SettlementLeg>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var kind = (LegKind)reader.ReadByte();
            if (kind is not (LegKind.Token or LegKind.Cash))
            {
                throw new FormatException($"Unknown settlement leg kind {(byte)kind}.");
            }

            legs.Add(new SettlementLeg(kind, reader.ReadString(), reader.ReadString(), reader.ReadString(), new Amount(reader.ReadInt128())));
        }

        return new(id, legs, reader.ReadOptionalString(), reader.ReadInstant(), reader.ReadString());
    }
}

public sealed record InstructionAffirmed(string InstructionId, string PartyId) : RegisterEvent(EventType.InstructionAffirmed)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(InstructionId);
        writer.WriteString(PartyId);
    }

    public static InstructionAffirmed Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record AffirmationWithdrawn(string InstructionId, string PartyId) : RegisterEvent(EventType.AffirmationWithdrawn)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(InstructionId);
        writer.WriteString(PartyId);
    }

    public static AffirmationWithdrawn Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

/// <summary>Marks an instruction settled. Its legs' Transferred and CashTransferred events precede it in the same command.</summary>
public sealed record InstructionSettled(string InstructionId) : RegisterEvent(EventType.InstructionSettled)
{
    public override void Write(CanonicalWriter writer) => writer.WriteString(InstructionId);

    public static InstructionSettled Read(ref CanonicalReader reader) => new(reader.ReadString());
}

public sealed record InstructionCancelled(string InstructionId, string Agent) : RegisterEvent(EventType.InstructionCancelled)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(InstructionId);
        writer.WriteString(Agent);
    }

    public static InstructionCancelled Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

/// <summary>Money moved between two identities' cash accounts by a settlement instruction's cash leg.</summary>
/// <param name="Units">Minor units of the currency.</param>
public sealed record CashTransferred(string FromIdentityId, string ToIdentityId, string Currency, Int128 Units) : RegisterEvent(EventType.CashTransferred)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(FromIdentityId);
        writer.WriteString(ToIdentityId);
        writer.WriteString(Currency);
        writer.WriteInt128(Units);
    }

    public static CashTransferred Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

using Registra.Canonical;

namespace Registra.Events;

public sealed record IssuerCreated(string IssuerId, string Name, string? Lei) : RegisterEvent(EventType.IssuerCreated)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(IssuerId);
        writer.WriteString(Name);
        writer.WriteOptionalString(Lei);
    }

    public static IssuerCreated Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadOptionalString());
}

/// <param name="SupplyCap">Cap in smallest units, or null for none.</param>
public sealed record SecurityCreated(
    string SecurityId,
    string IssuerId,
    string Name,
    string? Symbol,
    Securities.AssetClass AssetClass,
    int Decimals,
    Int128? SupplyCap,
    IReadOnlyDictionary<string, string> Identifiers,
    IReadOnlyDictionary<string, string> Terms) : RegisterEvent(EventType.SecurityCreated)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(IssuerId);
        writer.WriteString(Name);
        writer.WriteOptionalString(Symbol);
        writer.WriteByte((byte)AssetClass);
        writer.WriteInt32(Decimals);
        writer.WriteOptionalInt128(SupplyCap);
        writer.WriteMap(Identifiers);
        writer.WriteMap(Terms);
    }

    public static SecurityCreated Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadOptionalString(),
            (Securities.AssetClass)reader.ReadByte(), reader.ReadInt32(), reader.ReadOptionalInt128(),
            reader.ReadMap(), reader.ReadMap());
}

public sealed record TrustedIssuerAdded(string SecurityId, string ClaimIssuerId) : RegisterEvent(EventType.TrustedIssuerAdded)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(ClaimIssuerId);
    }

    public static TrustedIssuerAdded Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record TrustedIssuerRemoved(string SecurityId, string ClaimIssuerId) : RegisterEvent(EventType.TrustedIssuerRemoved)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(ClaimIssuerId);
    }

    public static TrustedIssuerRemoved Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

/// <param name="RulesJson">The rule list as JSON, exactly as validated when it was set.</param>
public sealed record RulesSet(string SecurityId, int Version, string RulesJson) : RegisterEvent(EventType.RulesSet)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteInt32(Version);
        writer.WriteString(RulesJson);
    }

    public static RulesSet Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadInt32(), reader.ReadString());
}

public sealed record SecurityPaused(string SecurityId) : RegisterEvent(EventType.SecurityPaused)
{
    public override void Write(CanonicalWriter writer) => writer.WriteString(SecurityId);

    public static SecurityPaused Read(ref CanonicalReader reader) => new(reader.ReadString());
}

public sealed record SecurityUnpaused(string SecurityId) : RegisterEvent(EventType.SecurityUnpaused)
{
    public override void Write(CanonicalWriter writer) => writer.WriteString(SecurityId);

    public static SecurityUnpaused Read(ref CanonicalReader reader) => new(reader.ReadString());
}

/// <summary>Every balance, lot and frozen amount is multiplied by Numerator/Denominator, rounding down.</summary>
public sealed record SecuritySplit(string SecurityId, long Numerator, long Denominator) : RegisterEvent(EventType.SecuritySplit)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteInt64(Numerator);
        writer.WriteInt64(Denominator);
    }

    public static SecuritySplit Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
}

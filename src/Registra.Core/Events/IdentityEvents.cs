using Registra.Canonical;
using Registra.Identities;

namespace Registra.Events;

public sealed record ClaimIssuerRegistered(string ClaimIssuerId, string Name) : RegisterEvent(EventType.ClaimIssuerRegistered)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(ClaimIssuerId);
        writer.WriteString(Name);
    }

    public static ClaimIssuerRegistered Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record IdentityRegistered(string IdentityId, IdentityKind Kind, string Name) : RegisterEvent(EventType.IdentityRegistered)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(IdentityId);
        writer.WriteByte((byte)Kind);
        writer.WriteString(Name);
    }

    public static IdentityRegistered Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), (IdentityKind)reader.ReadByte(), reader.ReadString());
}

public sealed record AccountAdded(string IdentityId, string AccountId) : RegisterEvent(EventType.AccountAdded)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(IdentityId);
        writer.WriteString(AccountId);
    }

    public static AccountAdded Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record ClaimAdded(
    string IdentityId,
    string ClaimId,
    string ClaimType,
    string Value,
    string ClaimIssuerId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil) : RegisterEvent(EventType.ClaimAdded)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(IdentityId);
        writer.WriteString(ClaimId);
        writer.WriteString(ClaimType);
        writer.WriteString(Value);
        writer.WriteString(ClaimIssuerId);
        writer.WriteInstant(ValidFrom);
        writer.WriteOptionalInstant(ValidUntil);
    }

    public static ClaimAdded Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
            reader.ReadInstant(), reader.ReadOptionalInstant());
}

public sealed record ClaimRevoked(string IdentityId, string ClaimId) : RegisterEvent(EventType.ClaimRevoked)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(IdentityId);
        writer.WriteString(ClaimId);
    }

    public static ClaimRevoked Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

/// <summary>The old account is closed; every position it had moves unchanged to the new account.</summary>
public sealed record AccountRecovered(string OldAccountId, string NewAccountId) : RegisterEvent(EventType.AccountRecovered)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(OldAccountId);
        writer.WriteString(NewAccountId);
    }

    public static AccountRecovered Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

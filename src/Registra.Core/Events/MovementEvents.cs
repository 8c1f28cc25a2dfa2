using Registra.Canonical;

namespace Registra.Events;

/// <param name="AcquiredAt">Acquisition instant of the new lot; the event's own timestamp unless imported history gives another.</param>
public sealed record Issued(string SecurityId, string AccountId, Int128 Units, DateTimeOffset AcquiredAt) : RegisterEvent(EventType.Issued)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
        writer.WriteInt128(Units);
        writer.WriteInstant(AcquiredAt);
    }

    public static Issued Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInstant());
}

/// <summary>Units removed from an account and from the supply; lots are spent oldest first.</summary>
public sealed record Redeemed(string SecurityId, string AccountId, Int128 Units) : RegisterEvent(EventType.Redeemed)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
        writer.WriteInt128(Units);
    }

    public static Redeemed Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

/// <summary>
/// Units moved between accounts. An ordinary transfer gives the receiver a new lot acquired
/// now; a forced transfer moves the sender's lots with their acquisition instants.
/// </summary>
/// <param name="Agent">Actor id of the agent for a forced transfer.</param>
/// <param name="OverrideReason">Set when the agent overrode receiver-side rules, with the reason given.</param>
public sealed record Transferred(
    string SecurityId,
    string FromAccountId,
    string ToAccountId,
    Int128 Units,
    bool Forced,
    string? Agent,
    string? OverrideReason) : RegisterEvent(EventType.Transferred)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(FromAccountId);
        writer.WriteString(ToAccountId);
        writer.WriteInt128(Units);
        writer.WriteBool(Forced);
        writer.WriteOptionalString(Agent);
        writer.WriteOptionalString(OverrideReason);
    }

    public static Transferred Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadBool(),
            reader.ReadOptionalString(), reader.ReadOptionalString());
}

public sealed record AccountFrozen(string SecurityId, string AccountId) : RegisterEvent(EventType.AccountFrozen)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
    }

    public static AccountFrozen Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record AccountUnfrozen(string SecurityId, string AccountId) : RegisterEvent(EventType.AccountUnfrozen)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
    }

    public static AccountUnfrozen Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record AmountFrozen(string SecurityId, string AccountId, Int128 Units) : RegisterEvent(EventType.AmountFrozen)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
        writer.WriteInt128(Units);
    }

    public static AmountFrozen Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

public sealed record AmountUnfrozen(string SecurityId, string AccountId, Int128 Units) : RegisterEvent(EventType.AmountUnfrozen)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(AccountId);
        writer.WriteInt128(Units);
    }

    public static AmountUnfrozen Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadInt128());
}

public sealed record TransferQueued(
    string TransferId,
    string SecurityId,
    string FromAccountId,
    string ToAccountId,
    Int128 Units,
    DateTimeOffset ExpiresAt) : RegisterEvent(EventType.TransferQueued)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(TransferId);
        writer.WriteString(SecurityId);
        writer.WriteString(FromAccountId);
        writer.WriteString(ToAccountId);
        writer.WriteInt128(Units);
        writer.WriteInstant(ExpiresAt);
    }

    public static TransferQueued Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInstant());
}

public sealed record TransferApproved(string TransferId, string Agent) : RegisterEvent(EventType.TransferApproved)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(TransferId);
        writer.WriteString(Agent);
    }

    public static TransferApproved Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record TransferDenied(string TransferId, string Agent, string Reason) : RegisterEvent(EventType.TransferDenied)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(TransferId);
        writer.WriteString(Agent);
        writer.WriteString(Reason);
    }

    public static TransferDenied Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadString());
}

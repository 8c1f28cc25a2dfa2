using Registra.Canonical;

namespace Registra.Events;

public sealed record HoldCreated(
    string HoldId,
    string SecurityId,
    string FromAccountId,
    string ToAccountId,
    Int128 Units,
    DateTimeOffset ExpiresAt) : RegisterEvent(EventType.HoldCreated)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(HoldId);
        writer.WriteString(SecurityId);
        writer.WriteString(FromAccountId);
        writer.WriteString(ToAccountId);
        writer.WriteInt128(Units);
        writer.WriteInstant(ExpiresAt);
    }

    public static HoldCreated Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadInstant());
}

/// <summary>Held units moved to the receiver as an ordinary transfer (a new lot acquired now).</summary>
/// <param name="KeepOpen">False releases whatever stays held after this execution.</param>
public sealed record HoldExecuted(string HoldId, Int128 Units, bool KeepOpen) : RegisterEvent(EventType.HoldExecuted)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(HoldId);
        writer.WriteInt128(Units);
        writer.WriteBool(KeepOpen);
    }

    public static HoldExecuted Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadInt128(), reader.ReadBool());
}

/// <param name="Agent">Actor id of whoever released it.</param>
public sealed record HoldReleased(string HoldId, string Agent) : RegisterEvent(EventType.HoldReleased)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(HoldId);
        writer.WriteString(Agent);
    }

    public static HoldReleased Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

public sealed record TransferCancelled(string TransferId) : RegisterEvent(EventType.TransferCancelled)
{
    public override void Write(CanonicalWriter writer) => writer.WriteString(TransferId);

    public static TransferCancelled Read(ref CanonicalReader reader) => new(reader.ReadString());
}

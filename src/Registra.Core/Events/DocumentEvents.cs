using Registra.Canonical;

namespace Registra.Events;

/// <param name="Sha256">64 lowercase hex digits.</param>
public sealed record DocumentAttached(string SecurityId, string Sha256, string Name, string? Uri, string? MediaType)
    : RegisterEvent(EventType.DocumentAttached)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(Sha256);
        writer.WriteString(Name);
        writer.WriteOptionalString(Uri);
        writer.WriteOptionalString(MediaType);
    }

    public static DocumentAttached Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadOptionalString(), reader.ReadOptionalString());
}

public sealed record DocumentRemoved(string SecurityId, string Sha256) : RegisterEvent(EventType.DocumentRemoved)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SecurityId);
        writer.WriteString(Sha256);
    }

    public static DocumentRemoved Read(ref CanonicalReader reader) => new(reader.ReadString(), reader.ReadString());
}

using Registra.Canonical;
using Registra.Events;

namespace Registra.Cash;

public sealed record CashAccountOpened(CashOwnerKind Kind, string OwnerId, string Currency) : RegisterEvent(EventType.CashAccountOpened)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteByte((byte)Kind);
        writer.WriteString(OwnerId);
        writer.WriteString(Currency);
    }

    public static CashAccountOpened Read(ref CanonicalReader reader) =>
        new((CashOwnerKind)reader.ReadByte(), reader.ReadString(), reader.ReadString());
}

/// <param name="Units">Minor units of the currency.</param>
public sealed record CashDeposited(CashOwnerKind Kind, string OwnerId, string Currency, Int128 Units, string Reference)
    : RegisterEvent(EventType.CashDeposited)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteByte((byte)Kind);
        writer.WriteString(OwnerId);
        writer.WriteString(Currency);
        writer.WriteInt128(Units);
        writer.WriteString(Reference);
    }

    public static CashDeposited Read(ref CanonicalReader reader) =>
        new((CashOwnerKind)reader.ReadByte(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadString());
}

/// <param name="Units">Minor units of the currency.</param>
public sealed record CashWithdrawn(CashOwnerKind Kind, string OwnerId, string Currency, Int128 Units, string Reference)
    : RegisterEvent(EventType.CashWithdrawn)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteByte((byte)Kind);
        writer.WriteString(OwnerId);
        writer.WriteString(Currency);
        writer.WriteInt128(Units);
        writer.WriteString(Reference);
    }

    public static CashWithdrawn Read(ref CanonicalReader reader) =>
        new((CashOwnerKind)reader.ReadByte(), reader.ReadString(), reader.ReadString(), reader.ReadInt128(), reader.ReadString());
}

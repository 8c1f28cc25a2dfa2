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

/// <summary>
/// Cash in lieu of fractions after a split or stock dividend, paid from the issuer's operating
/// account in one currency to each identity's account, which is opened when it is missing.
/// </summary>
/// <param name="Payments">Identity ids with the amount in minor units, ordered by identity id.</param>
public sealed record CashInLieuPaid(string StockEventId, string IssuerId, string Currency, IReadOnlyList<CashInLieuPayment> Payments)
    : RegisterEvent(EventType.CashInLieuPaid)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(StockEventId);
        writer.WriteString(IssuerId);
        writer.WriteString(Currency);
        writer.WriteLength(Payments.Count);
        foreach (var payment in Payments)
        {
            writer.WriteString(payment.IdentityId);
            writer.WriteInt128(payment.Units);
        }
    }

    public static CashInLieuPaid Read(ref CanonicalReader reader)
    {
        var stockEventId = reader.ReadString();
        var issuerId = reader.ReadString();
        var currency = reader.ReadString();
        var count = reader.ReadLength();
        var payments = new List<CashInLieuPayment>(count);
        for (var i = 0; i < count; i++)
        {
            payments.Add(new CashInLieuPayment(reader.ReadString(), reader.ReadInt128()));
        }

        return new CashInLieuPaid(stockEventId, issuerId, currency, payments);
    }
}

/// <summary>One holder's cash in lieu, in minor units of the event's currency.</summary>
public sealed record CashInLieuPayment(string IdentityId, Int128 Units);

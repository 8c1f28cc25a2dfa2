using Registra.Canonical;
using Registra.CorporateActions.StockEvents;

namespace Registra.Events;

/// <summary>
/// Every balance, frozen amount, lot, queued transfer, outflow and the supply cap multiplied by
/// Numerator/Denominator, each rounded down. The fractions of a unit left over are listed per
/// account with the cash owed at the stated price. The split id is assigned in ledger order.
/// </summary>
/// <param name="CashInLieu">Price for the fractions, or null when the split leaves none.</param>
/// <param name="Fractions">Accounts left with a fraction, ordered by account id, each with Units 0.</param>
public sealed record StockSplit(
    string SplitId,
    string SecurityId,
    long Numerator,
    long Denominator,
    CashInLieuPrice? CashInLieu,
    IReadOnlyList<StockEntry> Fractions) : RegisterEvent(EventType.StockSplit)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(SplitId);
        writer.WriteString(SecurityId);
        writer.WriteInt64(Numerator);
        writer.WriteInt64(Denominator);
        StockEventCodec.WritePrice(writer, CashInLieu);
        StockEventCodec.WriteEntries(writer, Fractions);
    }

    public static StockSplit Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt64(),
            StockEventCodec.ReadPrice(ref reader), StockEventCodec.ReadEntries(ref reader));
}

/// <summary>
/// New units issued to the holders at the record instant, Numerator for every Denominator held,
/// each account's share rounded down and its fraction paid in cash. The new units form a lot
/// acquired at the event's timestamp.
/// </summary>
/// <param name="Credits">Accounts credited or owed cash, ordered by the account that held at the record instant.</param>
public sealed record StockDividendIssued(
    string DividendId,
    string SecurityId,
    long Numerator,
    long Denominator,
    DateTimeOffset RecordAt,
    CashInLieuPrice? CashInLieu,
    IReadOnlyList<StockEntry> Credits) : RegisterEvent(EventType.StockDividendIssued)
{
    public override void Write(CanonicalWriter writer)
    {
        writer.WriteString(DividendId);
        writer.WriteString(SecurityId);
        writer.WriteInt64(Numerator);
        writer.WriteInt64(Denominator);
        writer.WriteInstant(RecordAt);
        StockEventCodec.WritePrice(writer, CashInLieu);
        StockEventCodec.WriteEntries(writer, Credits);
    }

    public static StockDividendIssued Read(ref CanonicalReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInstant(),
            StockEventCodec.ReadPrice(ref reader), StockEventCodec.ReadEntries(ref reader));
}

/// <summary>Canonical encoding of the parts that stock events share.</summary>
internal static class StockEventCodec
{
    public static void WritePrice(CanonicalWriter writer, CashInLieuPrice? price)
    {
        writer.WriteBool(price is not null);
        if (price is not null)
        {
            writer.WriteString(price.Currency);
            writer.WriteInt128(price.MinorUnitsPerUnit);
        }
    }

    public static CashInLieuPrice? ReadPrice(ref CanonicalReader reader) =>
        reader.ReadBool() ? new CashInLieuPrice(reader.ReadString(), reader.ReadInt128()) : null;

    public static void WriteEntries(CanonicalWriter writer, IReadOnlyList<StockEntry> entries)
    {
        writer.WriteLength(entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteString(entry.AccountId);
            writer.WriteInt128(entry.Units);
            writer.WriteInt128(entry.Fraction);
            writer.WriteInt128(entry.Cash);
        }
    }

    public static List<StockEntry> ReadEntries(ref CanonicalReader reader)
    {
        var count = reader.ReadLength();
        var entries = new List<StockEntry>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            entries.Add(new StockEntry(reader.ReadString(), reader.ReadInt128(), reader.ReadInt128(), reader.ReadInt128()));
        }

        return entries;
    }
}

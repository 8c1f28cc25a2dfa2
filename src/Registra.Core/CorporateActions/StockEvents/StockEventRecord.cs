namespace Registra.CorporateActions.StockEvents;

/// <summary>
/// A split, reverse split or stock dividend as applied to the register, kept for reports.
/// A split multiplies every balance by Numerator/Denominator, and a stock dividend issues
/// Numerator new units for every Denominator units held at <see cref="RecordAt"/>.
/// </summary>
/// <param name="At">Ledger timestamp at which the action took effect.</param>
/// <param name="Entries">Accounts credited or owed cash, ordered by account id.</param>
public sealed record StockEventRecord(
    string Id,
    string SecurityId,
    StockEventKind Kind,
    long Numerator,
    long Denominator,
    DateTimeOffset At,
    DateTimeOffset? RecordAt,
    CashInLieuPrice? CashInLieu,
    IReadOnlyList<StockEntry> Entries)
{
    public Int128 TotalCash => Entries.Aggregate(Int128.Zero, (sum, entry) => checked(sum + entry.Cash));

    public Int128 TotalUnits => Entries.Aggregate(Int128.Zero, (sum, entry) => checked(sum + entry.Units));
}

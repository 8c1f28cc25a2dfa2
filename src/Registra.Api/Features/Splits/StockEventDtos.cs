using System.Globalization;
using Registra.Amounts;
using Registra.CorporateActions.StockEvents;

namespace Registra.Api.Features.Splits;

/// <param name="Price">Price of one whole unit after the action, as a decimal string in the currency, such as "10.00".</param>
/// <param name="Currency">ISO 4217 code with minor units, such as USD.</param>
public sealed record CashInLieuRequest(string Price, string Currency);

/// <summary>A split of Numerator new units for every Denominator held: 7 and 1 for a 7-for-1 split, 1 and 2 for a 1-for-2 reverse split.</summary>
/// <param name="CashInLieu">Required when the split leaves any account with a fraction of the smallest unit.</param>
public sealed record SplitRequest(long Numerator, long Denominator, CashInLieuRequest? CashInLieu = null);

/// <summary>A stock dividend of Numerator new units for every Denominator held at the record instant: 1 and 10 for 10%.</summary>
/// <param name="RecordAt">RFC 3339 instant before now whose balances receive the dividend.</param>
public sealed record StockDividendRequest(long Numerator, long Denominator, DateTimeOffset RecordAt, CashInLieuRequest? CashInLieu = null);

public sealed record CashInLieuView(string Price, string Currency);

/// <param name="Units">New units credited, 0 for a split.</param>
/// <param name="Fraction">The part of one smallest unit paid in cash, as numerator/denominator.</param>
/// <param name="Cash">Cash owed for the fraction, rounded down to the currency's minor unit.</param>
public sealed record StockEntryView(string AccountId, string Units, string Fraction, string Cash);

/// <param name="Kind">split or stock_dividend.</param>
/// <param name="At">Ledger time at which the action took effect.</param>
/// <param name="RecordAt">For a stock dividend, the instant whose balances received it.</param>
/// <param name="Entries">Accounts credited or owed cash, limited to the caller's own accounts for investors.</param>
public sealed record StockEventView(
    string Id,
    string SecurityId,
    StockEventKind Kind,
    long Numerator,
    long Denominator,
    DateTimeOffset At,
    DateTimeOffset? RecordAt,
    CashInLieuView? CashInLieu,
    string UnitsIssued,
    string TotalCash,
    IReadOnlyList<StockEntryView> Entries)
{
    public static StockEventView Of(StockEventRecord record, int decimals, Func<string, bool> showEntry)
    {
        var minorUnits = record.CashInLieu?.MinorUnits ?? 0;
        return new StockEventView(record.Id, record.SecurityId, record.Kind, record.Numerator, record.Denominator, record.At, record.RecordAt,
            record.CashInLieu is { } price ? new CashInLieuView(new Amount(price.MinorUnitsPerUnit).Format(minorUnits), price.Currency) : null,
            new Amount(record.TotalUnits).Format(decimals), new Amount(record.TotalCash).Format(minorUnits),
            record.Entries.Where(entry => showEntry(entry.AccountId))
                .Select(entry => new StockEntryView(entry.AccountId, new Amount(entry.Units).Format(decimals),
                    string.Create(CultureInfo.InvariantCulture, $"{entry.Fraction}/{record.Denominator}"), new Amount(entry.Cash).Format(minorUnits)))
                .ToList());
    }
}

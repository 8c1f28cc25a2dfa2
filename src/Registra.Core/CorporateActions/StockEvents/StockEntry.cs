namespace Registra.CorporateActions.StockEvents;

/// <summary>
/// What a stock event gave one account: new units for a stock dividend (0 for a split), and the
/// fraction of a unit paid in cash instead.
/// </summary>
/// <param name="Units">Units credited, in the security's smallest unit.</param>
/// <param name="Fraction">The fraction left over is Fraction / the action's denominator of the smallest unit.</param>
/// <param name="Cash">Cash owed for the fraction, in the currency's minor units, rounded down.</param>
public sealed record StockEntry(string AccountId, Int128 Units, Int128 Fraction, Int128 Cash);

using Registra.Identifiers;

namespace Registra.CorporateActions.StockEvents;

/// <summary>The price at which fractions of a unit are paid out in cash.</summary>
/// <param name="Currency">ISO 4217 code with minor units, such as USD.</param>
/// <param name="MinorUnitsPerUnit">Price of one whole unit of the security after the action, in the currency's minor units (1000 is 10.00 USD).</param>
public sealed record CashInLieuPrice(string Currency, Int128 MinorUnitsPerUnit)
{
    /// <summary>Returns why the price cannot be used, or null when it can.</summary>
    public string? Validate()
    {
        if (!CurrencyCode.TryParse(Currency, out var code) || code.Value != Currency)
        {
            return $"currency '{Currency}' is not an active ISO 4217 code in upper case, such as USD";
        }

        if (code.MinorUnits is null)
        {
            return $"currency '{Currency}' has no minor unit, so it cannot pay cash";
        }

        return MinorUnitsPerUnit > 0 ? null : "the cash-in-lieu price must be greater than zero";
    }

    /// <summary>Digits of the currency's minor unit, readable once <see cref="Validate"/> has passed.</summary>
    public int MinorUnits => CurrencyCode.Parse(Currency).MinorUnits!.Value;

    /// <summary>
    /// Returns the cash owed for <paramref name="remainder"/>/<paramref name="denominator"/> of the
    /// security's smallest unit, rounded down to the currency's minor unit.
    /// </summary>
    public Int128 CashFor(Int128 remainder, long denominator, int securityDecimals) =>
        checked(remainder * MinorUnitsPerUnit) / checked(denominator * Amounts.Amount.Scale(securityDecimals));
}

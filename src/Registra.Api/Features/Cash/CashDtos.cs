using Registra.Cash;

namespace Registra.Api.Features.Cash;

/// <param name="OwnerKind">identity, issuer (the operating account that funds distributions) or issuer_tax (where withheld tax goes).</param>
/// <param name="Currency">ISO 4217 code with a minor unit, such as USD.</param>
public sealed record OpenCashAccountRequest(CashOwnerKind OwnerKind, string OwnerId, string Currency);

/// <param name="Amount">Decimal string in the currency, with at most its minor-unit digits ("12.5").</param>
/// <param name="Reference">Payment reference of the bank transfer, kept on the ledger; at most 256 characters.</param>
public sealed record CashMovementRequest(string Amount, string? Reference = null);

/// <param name="Balance">Current balance as a decimal string in the currency.</param>
/// <param name="OpenedAt">Ledger timestamp of the opening.</param>
/// <param name="Held">The part of the balance that resting buy orders hold; other debits cannot take it.</param>
public sealed record CashAccountView(CashOwnerKind OwnerKind, string OwnerId, string Currency, string Balance, DateTimeOffset OpenedAt, string? Held = null)
{
    public static CashAccountView Of(CashAccount account, int minorUnits) =>
        new(account.Key.Kind, account.Key.OwnerId, account.Key.Currency, account.Balance.Format(minorUnits), account.OpenedAt,
            account.Held.Format(minorUnits));
}

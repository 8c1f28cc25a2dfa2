using Registra.Amounts;
using Registra.Identifiers;
using Registra.Reasons;

namespace Registra.Cash;

/// <summary>
/// Every cash ledger of the platform, one per currency. Reads and checks are public so other
/// features (distributions now, delivery versus payment later) judge a movement with
/// <see cref="CheckDebit"/> before they emit its events; only the state machine changes balances.
/// </summary>
public sealed class CashBook
{
    public Dictionary<string, CashLedger> Ledgers { get; } = new(StringComparer.Ordinal);

    public CashAccount? Find(CashAccountKey key) =>
        Ledgers.TryGetValue(key.Currency, out var ledger) ? ledger.AccountsOf(key.Kind).GetValueOrDefault(key.OwnerId) : null;

    public Amount BalanceOf(CashAccountKey key) => Find(key)?.Balance ?? Amount.Zero;

    /// <summary>
    /// Returns null when the account exists and has at least <paramref name="amount"/> available (not held), or else
    /// a <c>not_found</c> or <c>insufficient_cash</c> failure.
    /// </summary>
    public Failure? CheckDebit(CashAccountKey key, Amount amount)
    {
        if (Find(key) is not { } account)
        {
            return MissingAccount(key);
        }

        // Cash held for resting buy orders is out of reach of every other debit.
        if (account.Available >= amount)
        {
            return null;
        }

        var minorUnits = Ledgers[key.Currency].MinorUnits;
        return new Failure(Reasons.Reasons.InsufficientCash, "cash", amount.Format(minorUnits), account.Available.Format(minorUnits),
            $"Deposit at least {amount.Minus(account.Available).Format(minorUnits)} {key.Currency} into the {key} cash account first, or cancel buy orders that hold it.")
        {
            Subject = key.ToString(),
        };
    }

    /// <summary>Returns the <c>not_found</c> failure for a cash account that was never opened.</summary>
    public static Failure MissingAccount(CashAccountKey key) =>
        new(Reasons.Reasons.NotFound, "cash", "cash account", key.ToString(),
            $"Open the {key} cash account first.") { Subject = key.ToString() };

    /// <summary>
    /// Parses an ISO 4217 code that has a minor unit, the only kind a cash ledger keeps. Returns the
    /// upper-case code and its minor units, or an <c>invalid_identifier</c> failure.
    /// </summary>
    public static (string Currency, int MinorUnits, Failure? Failure) ParseCurrency(string? text)
    {
        if (CurrencyCode.Validate(text) is { } error)
        {
            return (string.Empty, 0, new Failure(Reasons.Reasons.InvalidIdentifier, "currency", null, text ?? "null",
                error + " Use an active ISO 4217 code such as USD.") { Subject = text });
        }

        var code = CurrencyCode.Parse(text!);
        return code.MinorUnits is { } minorUnits
            ? (code.Value, minorUnits, null)
            : (string.Empty, 0, new Failure(Reasons.Reasons.InvalidIdentifier, "currency", null, code.Value,
                $"{code.Value} has no minor unit in ISO 4217, so no cash ledger can be kept in it; use a currency such as USD.") { Subject = code.Value });
    }

    /// <summary>Parses a positive decimal amount with at most the currency's minor-unit digits.</summary>
    public static (Amount Amount, Failure? Failure) ParseAmount(string? text, int minorUnits) =>
        Register.Register.ParseAmount(text, minorUnits);

    /// <summary>Formats minor units as a decimal string in the currency, such as "12.5".</summary>
    public string Format(string currency, Amount amount) =>
        amount.Format(Ledgers.TryGetValue(currency, out var ledger) ? ledger.MinorUnits : MinorUnitsOf(currency));

    private static int MinorUnitsOf(string currency) =>
        CurrencyCode.TryParse(currency, out var code) && code.MinorUnits is { } units ? units : 0;

    internal CashAccount Open(CashAccountKey key, int minorUnits, DateTimeOffset at)
    {
        if (!Ledgers.TryGetValue(key.Currency, out var ledger))
        {
            ledger = new CashLedger(key.Currency, minorUnits);
            Ledgers.Add(key.Currency, ledger);
        }

        var account = new CashAccount(key, at);
        ledger.AccountsOf(key.Kind).Add(key.OwnerId, account);
        return account;
    }

    /// <summary>Returns the account, opening it when it does not exist yet.</summary>
    internal CashAccount GetOrOpen(CashAccountKey key, DateTimeOffset at) =>
        Find(key) ?? Open(key, MinorUnitsOf(key.Currency), at);

    internal void Credit(CashAccountKey key, Amount amount)
    {
        var account = Find(key) ?? throw new InvalidOperationException($"No cash account {key} to credit.");
        account.Balance = account.Balance.Plus(amount);
    }

    /// <summary>Takes money out; the decision checked the balance, so a shortfall here is a bug.</summary>
    internal void Debit(CashAccountKey key, Amount amount)
    {
        var account = Find(key) ?? throw new InvalidOperationException($"No cash account {key} to debit.");
        if (account.Balance < amount)
        {
            throw new InvalidOperationException($"Cash account {key} has a balance of {account.Balance}, less than the {amount} debited.");
        }

        account.Balance = account.Balance.Minus(amount);
    }
}

using Registra.Amounts;

namespace Registra.Cash;

/// <summary>
/// The accounts kept in one currency, by owner kind and owner id, with the running totals of
/// money recorded as deposited from and withdrawn to outside the platform.
/// </summary>
public sealed class CashLedger(string currency, int minorUnits)
{
    public string Currency { get; } = currency;

    /// <summary>Decimal digits of the minor unit (USD 2, JPY 0, BHD 3).</summary>
    public int MinorUnits { get; } = minorUnits;

    public Dictionary<string, CashAccount> Identities { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CashAccount> Issuers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CashAccount> IssuerTax { get; } = new(StringComparer.Ordinal);

    /// <summary>Every deposit ever recorded in this currency.</summary>
    public Amount Deposited { get; internal set; }

    /// <summary>Every withdrawal ever recorded in this currency.</summary>
    public Amount Withdrawn { get; internal set; }

    public Dictionary<string, CashAccount> AccountsOf(CashOwnerKind kind) => kind switch
    {
        CashOwnerKind.Identity => Identities,
        CashOwnerKind.Issuer => Issuers,
        CashOwnerKind.IssuerTax => IssuerTax,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cash owner kind."),
    };

    /// <summary>Every account of the ledger, identities first, then issuers, then issuer tax accounts.</summary>
    public IEnumerable<CashAccount> All => Identities.Values.Concat(Issuers.Values).Concat(IssuerTax.Values);
}

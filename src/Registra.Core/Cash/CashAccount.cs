using Registra.Amounts;

namespace Registra.Cash;

/// <summary>One cash account and its current balance in minor units of its currency; never negative.</summary>
public sealed class CashAccount(CashAccountKey key, DateTimeOffset openedAt)
{
    public CashAccountKey Key { get; } = key;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public Amount Balance { get; internal set; }

    /// <summary>Minor units reserved by resting buy orders; never more than the balance.</summary>
    public Amount Held { get; internal set; }

    /// <summary>The part of the balance a debit may take: the balance less what is held.</summary>
    public Amount Available => Balance.Minus(Held);
}

using Registra.Amounts;

namespace Registra.Cash;

/// <summary>One cash account and its current balance in minor units of its currency; never negative.</summary>
public sealed class CashAccount(CashAccountKey key, DateTimeOffset openedAt)
{
    public CashAccountKey Key { get; } = key;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public Amount Balance { get; internal set; }
}

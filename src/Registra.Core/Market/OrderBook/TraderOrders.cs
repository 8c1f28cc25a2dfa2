using Registra.Amounts;

namespace Registra.Market.OrderBook;

/// <summary>
/// An order that left the book, filled or cancelled, as its owner's order list shows it. The
/// price is kept in minor units, because the book's tick size may change once the book is empty.
/// </summary>
/// <param name="Price">Limit price in minor units of <paramref name="Currency"/> per whole unit; null for a market order.</param>
/// <param name="Filled">Quantity traded, in the security's smallest unit.</param>
/// <param name="FilledValue">Cash paid or received for the traded quantity, in minor units.</param>
/// <param name="CancelReason">Null for a filled order, else the cancellation reason: "cancelled", "unfilled" or the reason code that stopped matching.</param>
public sealed record ClosedOrder(
    long Id,
    string SecurityId,
    string AccountId,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Amount? Price,
    string Currency,
    Amount Quantity,
    Amount Filled,
    Amount FilledValue,
    string? CancelReason,
    DateTimeOffset AcceptedAt,
    DateTimeOffset ClosedAt);

/// <summary>The orders of one identity: the ids of its live orders and its latest closed orders.</summary>
public sealed class TraderOrders
{
    /// <summary>Closed orders kept per identity; older ones are in the ledger only.</summary>
    public const int RecentCapacity = 50;

    /// <summary>Ids of the identity's orders in <see cref="MarketState.Orders"/>. Derived from those orders, so snapshots do not store it.</summary>
    public HashSet<long> Open { get; } = [];

    /// <summary>The last closed orders, oldest first, at most <see cref="RecentCapacity"/>.</summary>
    public Queue<ClosedOrder> Recent { get; } = new();

    internal void Close(ClosedOrder closed)
    {
        Open.Remove(closed.Id);
        if (Recent.Count == RecentCapacity)
        {
            Recent.Dequeue();
        }

        Recent.Enqueue(closed);
    }
}

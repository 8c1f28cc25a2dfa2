using Registra.Amounts;
using Registra.Events;
using Registra.Market.OrderBook;

namespace Registra.Api.Features.Market;

/// <summary>
/// One order as the read model shows it. Prices and values are in minor units of
/// <paramref name="Currency"/>; quantities in the security's smallest unit.
/// </summary>
/// <param name="Price">Limit price per whole unit; null for a market order.</param>
/// <param name="CancelReason">For a cancelled order: "cancelled", "unfilled", "self_trade" or the reason code that stopped matching.</param>
public sealed record OrderRecord(
    long Id,
    string SecurityId,
    string IssuerId,
    int Decimals,
    string AccountId,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Amount? Price,
    string Currency,
    Amount Quantity,
    Amount Filled,
    Amount FilledValue,
    string Status,
    string? CancelReason,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? ClosedAt);

public sealed partial class OrderHistory
{
    private readonly Dictionary<string, string> _identityOfAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string IssuerId, int Decimals)> _securities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketSettings> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TrackedOrder> _live = [];
    private readonly Dictionary<string, Dictionary<long, TrackedOrder>> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<TrackedOrder>> _closed = new(StringComparer.Ordinal);
    private long _next = 1;

    /// <summary>Applies one event; the caller holds the lock and applies events in sequence order.</summary>
    internal void Apply(LedgerEvent ledgerEvent)
    {
        switch (ledgerEvent.Payload)
        {
            case AccountAdded e:
                _identityOfAccount[e.AccountId] = e.IdentityId;
                break;
            case SecurityCreated e:
                _securities[e.SecurityId] = (e.IssuerId, e.Decimals);
                break;
            case MarketConfigured e:
                _settings[e.SecurityId] = new MarketSettings(e.Currency, e.TickSize, new Amount(e.LotSize));
                break;
            case OrderAccepted e:
                Accept(e, ledgerEvent.Timestamp);
                break;
            case TradeExecuted e:
                Fill(e.BuyOrderId, e, ledgerEvent.Timestamp);
                Fill(e.SellOrderId, e, ledgerEvent.Timestamp);
                break;
            case OrderCancelled e:
                Close(_live[e.OrderId], e.Reason, ledgerEvent.Timestamp);
                break;
        }
    }

    private void Accept(OrderAccepted e, DateTimeOffset at)
    {
        var settings = _settings[e.SecurityId];
        var (issuerId, decimals) = _securities[e.SecurityId];
        var identityId = _identityOfAccount[e.AccountId];
        Amount? price = e.OrderType == OrderType.Limit ? new Amount(checked(e.PriceTicks * settings.TickSize)) : null;
        var order = new TrackedOrder(e.OrderId, e.SecurityId, issuerId, decimals, e.AccountId, identityId, e.Side, e.OrderType, e.TimeInForce,
            price, settings.Currency, new Amount(e.Quantity), at);
        _live.Add(order.Id, order);
        if (!_open.TryGetValue(identityId, out var open))
        {
            open = [];
            _open.Add(identityId, open);
        }

        open.Add(order.Id, order);
    }

    private void Fill(long orderId, TradeExecuted trade, DateTimeOffset at)
    {
        var order = _live[orderId];
        order.Filled = order.Filled.Plus(new Amount(trade.Quantity));
        order.FilledValue = order.FilledValue.Plus(new Amount(trade.Cash));
        if (order.Filled == order.Quantity)
        {
            Close(order, cancelReason: null, at);
        }
    }

    private void Close(TrackedOrder order, string? cancelReason, DateTimeOffset at)
    {
        order.CancelReason = cancelReason;
        order.ClosedAt = at;
        _live.Remove(order.Id);
        _open[order.IdentityId].Remove(order.Id);
        if (!_closed.TryGetValue(order.IdentityId, out var closed))
        {
            closed = new Queue<TrackedOrder>();
            _closed.Add(order.IdentityId, closed);
        }

        if (closed.Count == RecentCapacity)
        {
            closed.Dequeue();
        }

        closed.Enqueue(order);
    }

    private sealed class TrackedOrder(
        long id,
        string securityId,
        string issuerId,
        int decimals,
        string accountId,
        string identityId,
        OrderSide side,
        OrderType type,
        TimeInForce timeInForce,
        Amount? price,
        string currency,
        Amount quantity,
        DateTimeOffset acceptedAt)
    {
        public long Id { get; } = id;

        public string IdentityId { get; } = identityId;

        public Amount Quantity { get; } = quantity;

        public Amount Filled { get; set; }

        public Amount FilledValue { get; set; }

        public string? CancelReason { get; set; }

        public DateTimeOffset? ClosedAt { get; set; }

        public OrderRecord ToRecord()
        {
            var status = "open";
            if (ClosedAt is not null)
            {
                status = CancelReason is null ? "filled" : "cancelled";
            }

            return new OrderRecord(Id, securityId, issuerId, decimals, accountId, side, type, timeInForce, price, currency, Quantity, Filled,
                FilledValue, status, CancelReason, acceptedAt, ClosedAt);
        }
    }
}

using Registra.Amounts;
using Registra.Cash;
using Registra.Events;
using Registra.Market.OrderBook;

namespace Registra.Register;

public sealed partial class Register
{
    private void EvolveOrders(RegisterEvent registerEvent, DateTimeOffset at)
    {
        switch (registerEvent)
        {
            case MarketConfigured e:
                var settings = new MarketSettings(e.Currency, e.TickSize, new Amount(e.LotSize));
                if (State.Market.Books.TryGetValue(e.SecurityId, out var book))
                {
                    book.Settings = settings;
                    book.SettingsVersion++;
                }
                else
                {
                    State.Market.Books.Add(e.SecurityId, new Book(e.SecurityId, settings));
                }

                break;
            case OrderAccepted e:
                EvolveOrderAccepted(e, at);
                break;
            case TradeExecuted e:
                EvolveTrade(e, at);
                break;
            case OrderCancelled e:
                var order = State.Market.Orders[e.OrderId];
                if (order.IsBuy)
                {
                    ChangeHeldCash(order, order.Remaining, release: true);
                }
                else
                {
                    ChangeHeld(order.SecurityId, order.AccountId, Amount.Zero.Minus(order.Remaining));
                }

                RemoveOrder(order);
                break;
        }
    }

    private void EvolveOrderAccepted(OrderAccepted e, DateTimeOffset at)
    {
        var identityId = State.Accounts[e.AccountId].IdentityId;
        var order = new Order(e.OrderId, e.SecurityId, e.AccountId, identityId, e.Side, e.OrderType, e.TimeInForce, e.PriceTicks,
            new Amount(e.Quantity), at);
        State.Market.Orders.Add(order.Id, order);
        State.Market.NextOrderId = e.OrderId + 1;
        if (order.IsBuy)
        {
            ChangeHeldCash(order, order.Quantity, release: false);
        }
        else
        {
            ChangeHeld(e.SecurityId, e.AccountId, order.Quantity);
        }

        // Only a good-till-cancelled limit order can rest, so only it joins the book. It sits at the
        // back of its level, which matching never reads because matching walks the other side.
        if (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.GoodTillCancelled)
        {
            State.Market.Books[e.SecurityId].SideOf(order.Side).Add(order);
        }
    }

    private void EvolveTrade(TradeExecuted e, DateTimeOffset at)
    {
        var buy = State.Market.Orders[e.BuyOrderId];
        var sell = State.Market.Orders[e.SellOrderId];
        var quantity = new Amount(e.Quantity);
        var security = State.Securities[e.SecurityId];

        var seller = security.Positions[sell.AccountId];
        seller.Held = seller.Held.Minus(quantity);
        MoveUnits(security, seller, GetOrCreatePosition(security, buy.AccountId), quantity, at);

        // Payment: the buy order's hold on this quantity ends, then the trade's value moves to the seller.
        var currency = State.Market.Books[e.SecurityId].Settings.Currency;
        var cash = new Amount(e.Cash);
        ChangeHeldCash(buy, quantity, release: true);
        State.Cash.Debit(CashAccountKey.OfIdentity(buy.IdentityId, currency), cash);
        State.Cash.Credit(CashAccountKey.OfIdentity(sell.IdentityId, currency), cash);

        Fill(buy, quantity);
        Fill(sell, quantity);
        State.Market.NextTradeId = e.TradeId + 1;
        var aggressor = e.BuyOrderId > e.SellOrderId ? OrderSide.Buy : OrderSide.Sell;
        State.Market.Books[e.SecurityId].RecordTrade(
            new TradeRecord(e.TradeId, e.BuyOrderId, e.SellOrderId, e.PriceTicks, quantity, aggressor, at));
    }

    /// <summary>Holds or releases the value of <paramref name="quantity"/> at a buy order's limit price; a market order holds nothing.</summary>
    private void ChangeHeldCash(Order buy, Amount quantity, bool release)
    {
        if (buy.Type != OrderType.Limit)
        {
            return;
        }

        var settings = State.Market.Books[buy.SecurityId].Settings;
        var value = Book.Notional(settings, buy.PriceTicks, quantity, State.Securities[buy.SecurityId].Definition.Decimals);
        var account = State.Cash.Find(CashAccountKey.OfIdentity(buy.IdentityId, settings.Currency))!;
        account.Held = release ? account.Held.Minus(value) : account.Held.Plus(value);
    }

    private void Fill(Order order, Amount quantity)
    {
        if (order.Remaining == quantity)
        {
            RemoveOrder(order);
            order.Remaining = Amount.Zero;
            return;
        }

        if (order.Level is not null)
        {
            BookSide.Reduce(order, quantity);
        }
        else
        {
            order.Remaining = order.Remaining.Minus(quantity);
        }
    }

    private void RemoveOrder(Order order)
    {
        if (order.Level is not null)
        {
            State.Market.Books[order.SecurityId].SideOf(order.Side).Remove(order);
        }

        State.Market.Orders.Remove(order.Id);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Registra.Amounts;
using Registra.Api.Features.Market;
using Registra.Commands;
using Registra.Market.OrderBook;
using Registra.Tests.Register;
using static Registra.Tests.Market.MarketFixture;

namespace Registra.Tests.Market;

/// <summary>The order history read model, fed with the journal of a real register as the API feeds it.</summary>
public sealed class OrderHistoryTests
{
    private const string Alice = RegisterFixture.Alice;

    /// <summary>Builds a read model from every event the fixture's register has written so far.</summary>
    private static OrderHistory HistoryOf(RegisterFixture fixture)
    {
        var history = new OrderHistory(() => throw new InvalidOperationException("These tests feed the events themselves."), NullLogger.Instance);
        history.Apply(fixture.Journal);
        return history;
    }

    [Fact]
    public void RestingOrder_IsListedOpen()
    {
        var fixture = Create();

        var id = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var order = Assert.Single(HistoryOf(fixture).OrdersOf("alice"));
        Assert.Equal(id, order.Id);
        Assert.Equal("open", order.Status);
        Assert.Equal(Amount.FromUnits(1000), order.Price);
        Assert.Null(order.ClosedAt);
    }

    [Fact]
    public void FilledOrders_AreClosed_WithValue()
    {
        var fixture = Create();
        var sell = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var buy = Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 100, 1050));

        var history = HistoryOf(fixture);
        var sold = Assert.Single(history.OrdersOf("alice"));
        var bought = Assert.Single(history.OrdersOf("dave"));
        Assert.Equal(sell, sold.Id);
        Assert.Equal(buy, bought.Id);
        Assert.Equal("filled", sold.Status);
        Assert.Null(sold.CancelReason);
        Assert.Equal(Amount.FromUnits(100), sold.Filled);
        Assert.Equal(Amount.FromUnits(100_000), sold.FilledValue);
        Assert.Equal(Amount.FromUnits(100_000), bought.FilledValue);
        Assert.Equal(Amount.FromUnits(1050), bought.Price);
        Assert.Equal("USD", bought.Currency);
        Assert.Equal(fixture.Now, bought.ClosedAt);
    }

    [Fact]
    public void PartlyFilledThenCancelled_KeepsFilledPart()
    {
        var fixture = Create();
        var sell = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 30, 1000));

        fixture.MustExecute(new CancelOrder(sell) { Actor = Registra.Access.Actor.Investor("alice") });

        var closed = Assert.Single(HistoryOf(fixture).OrdersOf("alice"));
        Assert.Equal("cancelled", closed.Status);
        Assert.Equal("cancelled", closed.CancelReason);
        Assert.Equal(Amount.FromUnits(30), closed.Filled);
        Assert.Equal(Amount.FromUnits(30_000), closed.FilledValue);
        Assert.Equal(Amount.FromUnits(100), closed.Quantity);
    }

    [Fact]
    public void ImmediateOrderRest_IsCancelledUnfilled()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 20, 1000));

        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 50, 1000, TimeInForce.ImmediateOrCancel));

        var closed = Assert.Single(HistoryOf(fixture).OrdersOf("dave"));
        Assert.Equal("unfilled", closed.CancelReason);
        Assert.Equal(Amount.FromUnits(20), closed.Filled);
    }

    [Fact]
    public void ClosedOrders_KeepOnlyLatest()
    {
        var fixture = Create();
        var ids = new List<long>();
        for (var i = 0; i < OrderHistory.RecentCapacity + 5; i++)
        {
            var id = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 10, 1000));
            fixture.MustExecute(new CancelOrder(id) { Actor = Registra.Access.Actor.Investor("alice") });
            ids.Add(id);
        }

        var open = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 10, 1000));

        var listed = HistoryOf(fixture).OrdersOf("alice").Select(order => order.Id).ToList();
        Assert.Equal(OrderHistory.RecentCapacity + 1, listed.Count);
        Assert.Equal(ids.Skip(5).Append(open).Reverse(), listed);
    }

    [Fact]
    public void Apply_InSeveralParts_SkipsRepeats()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 40, 1000));
        var history = new OrderHistory(() => throw new InvalidOperationException("These tests feed the events themselves."), NullLogger.Instance);

        // Blocks overlap when a catch-up starts inside a block, so events already applied come again.
        history.Apply(fixture.Journal.Take(fixture.Journal.Count - 2));
        history.Apply(fixture.Journal);

        Assert.Equal(fixture.Journal.Count + 1, history.NextSequence);
        Assert.Equal(Amount.FromUnits(40), Assert.Single(history.OrdersOf("alice")).Filled);
        Assert.Equal("filled", Assert.Single(history.OrdersOf("dave")).Status);
    }

    [Fact]
    public async Task WaitFor_EventsNotInJournal_ReturnsFalse()
    {
        var fixture = Create();
        var history = new OrderHistory(() => throw new InvalidOperationException("These tests feed the events themselves."), NullLogger.Instance);
        history.Apply(fixture.Journal);

        // The read model has every event up to the journal's last, but not the next one, which no block holds.
        Assert.True(await history.WaitForAsync(fixture.Journal.Count, CancellationToken.None));
        Assert.False(await history.WaitForAsync(fixture.Journal.Count + 1, CancellationToken.None));
    }
}

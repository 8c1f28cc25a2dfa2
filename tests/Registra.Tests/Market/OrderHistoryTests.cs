using Registra.Amounts;
using Registra.Commands;
using Registra.Market.OrderBook;
using Registra.Register;
using Registra.Tests.Register;
using static Registra.Tests.Market.MarketFixture;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Market;

/// <summary>Each identity's list of live and recently closed orders, which the order list endpoint reads.</summary>
public sealed class OrderHistoryTests
{
    private const string Alice = RegisterFixture.Alice;

    private static TraderOrders TraderOf(RegisterFixture fixture, string identityId) => fixture.Register.State.Market.Traders[identityId];

    [Fact]
    public void RestingOrder_IsListedOpen()
    {
        var fixture = Create();

        var id = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        Assert.Equal([id], TraderOf(fixture, "alice").Open);
        Assert.Empty(TraderOf(fixture, "alice").Recent);
    }

    [Fact]
    public void FilledOrders_MoveToRecent_WithValue()
    {
        var fixture = Create();
        var sell = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var buy = Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 100, 1050));

        var sold = Assert.Single(TraderOf(fixture, "alice").Recent);
        var bought = Assert.Single(TraderOf(fixture, "dave").Recent);
        Assert.Empty(TraderOf(fixture, "alice").Open);
        Assert.Empty(TraderOf(fixture, "dave").Open);
        Assert.Equal(sell, sold.Id);
        Assert.Equal(buy, bought.Id);
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

        var closed = Assert.Single(TraderOf(fixture, "alice").Recent);
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

        var closed = Assert.Single(TraderOf(fixture, "dave").Recent);
        Assert.Equal("unfilled", closed.CancelReason);
        Assert.Equal(Amount.FromUnits(20), closed.Filled);
    }

    [Fact]
    public void RecentOrders_KeepOnlyLatest()
    {
        var fixture = Create();
        var ids = new List<long>();
        for (var i = 0; i < TraderOrders.RecentCapacity + 5; i++)
        {
            var id = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 10, 1000));
            fixture.MustExecute(new CancelOrder(id) { Actor = Registra.Access.Actor.Investor("alice") });
            ids.Add(id);
        }

        var recent = TraderOf(fixture, "alice").Recent.Select(closed => closed.Id).ToList();

        Assert.Equal(TraderOrders.RecentCapacity, recent.Count);
        Assert.Equal(ids.Skip(5), recent);
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void Replay_AndSnapshot_RebuildSameHistory()
    {
        var fixture = Create();
        var resting = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 30, 1000));
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 10, 995));
        fixture.MustExecute(CreateHoldOf(fixture, "h-1"));

        var replayed = new RegisterMachine();
        foreach (var ledgerEvent in fixture.Journal)
        {
            replayed.Apply(ledgerEvent);
        }

        var restored = StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State));
        Assert.Equal(StateSnapshot.Write(fixture.Register.State), StateSnapshot.Write(replayed.State));
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(fixture.Register.State)), Convert.ToHexString(StateDigest.Compute(restored)));
        Assert.Equal(TraderOf(fixture, "dave").Open.Order(), restored.Market.Traders["dave"].Open.Order());
        Assert.Equal(TraderOf(fixture, "dave").Recent, restored.Market.Traders["dave"].Recent);
        Assert.Equal(Amount.FromUnits(30_000), restored.Market.Orders[resting].FilledValue);
        Assert.Equal(["h-1"], restored.Market.HoldsByIdentity["alice"]);
        Assert.Equal(["h-1"], restored.Market.HoldsByIdentity["bob"]);
        Assert.Empty(Invariants.Check(restored));
    }

    private static CreateHold CreateHoldOf(RegisterFixture fixture, string id) =>
        new(id, fixture.SecurityId, Alice, RegisterFixture.Bob, Amount.FromUnits(10), fixture.Now.AddDays(1))
        {
            Actor = Registra.Access.Actor.Investor("alice"),
        };
}

using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.OrderBook;
using Registra.Tests.Register;
using static Registra.Tests.Market.MarketFixture;

namespace Registra.Tests.Market;

public sealed class OrderBookTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    [Fact]
    public void SellOrder_Resting_ReservesUnits()
    {
        var fixture = Create();

        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 300, 1000));

        Assert.Equal(700, Spendable(fixture, Alice));
        Assert.Equal(1000, Book(fixture).Asks.Best!.PriceTicks * 5);
        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Amount.FromUnits(701)), Reasons.Reasons.InsufficientSpendableBalance);
    }

    [Fact]
    public void CrossingBuy_TradesAtRestingPrice()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 100, 1050));

        var trade = Assert.Single(result.Events.OfType<TradeExecuted>());
        Assert.Equal(200, trade.PriceTicks);
        Assert.Equal(900, fixture.Balance(Alice));
        Assert.Equal(100, fixture.Balance(Dave));
        Assert.Equal(900, Spendable(fixture, Alice));
        Assert.Null(Book(fixture).Asks.Best);
        Assert.Null(Book(fixture).Bids.Best);
    }

    [Fact]
    public void Trade_DeliveryVersusPayment_InOneEvent()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 100, 1050));

        var trade = Assert.Single(result.Events.OfType<TradeExecuted>());
        Assert.Equal(100_000, (long)trade.Cash);
        Assert.Equal(100, fixture.Balance(Dave));
        Assert.Equal(StartingCash - 100_000, CashOf(fixture, "dave"));
        Assert.Equal(StartingCash + 100_000, CashOf(fixture, "alice"));
        Assert.Equal(0, HeldCash(fixture, "dave"));
    }

    [Fact]
    public void BuyOrder_WithoutEnoughCash_IsRejected()
    {
        var fixture = Create();

        fixture.AssertRejected(Limit(fixture, Dave, OrderSide.Buy, 1010, 1000), Reasons.Reasons.InsufficientCash);
        fixture.AssertRejected(Limit(fixture, RegisterFixture.Carol, OrderSide.Buy, 10, 1000) with { Actor = Actor.Operator }, Reasons.Reasons.NotFound);
    }

    [Fact]
    public void RestingBuy_HoldsCash_UntilCancelled()
    {
        var fixture = Create();
        var id = Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 100, 1000));

        Assert.Equal(100_000, HeldCash(fixture, "dave"));
        fixture.AssertRejected(new Registra.Cash.WithdrawCash(Registra.Cash.CashOwnerKind.Identity, "dave", "USD", Amount.FromUnits(StartingCash)),
            Reasons.Reasons.InsufficientCash);
        fixture.MustExecute(new CancelOrder(id));
        Assert.Equal(0, HeldCash(fixture, "dave"));
        fixture.MustExecute(new Registra.Cash.WithdrawCash(Registra.Cash.CashOwnerKind.Identity, "dave", "USD", Amount.FromUnits(StartingCash)));
    }

    [Fact]
    public void MarketBuy_ShortOfCash_TradesNothing()
    {
        var fixture = Create();
        fixture.AddInvestor("erin");
        Fund(fixture, "erin", 5_000);
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var result = fixture.MustExecute(MarketOrder(fixture, "erin-1", OrderSide.Buy, 100));

        Assert.Empty(result.Events.OfType<TradeExecuted>());
        Assert.Equal("insufficient_cash", Assert.Single(result.Events.OfType<OrderCancelled>()).Reason);
        Assert.Equal(5_000, CashOf(fixture, "erin"));
        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(100, (long)Book(fixture).Asks.Best!.Quantity.Units);
    }

    [Fact]
    public void Matching_PriceThenTime_Priority()
    {
        var fixture = Create();
        var bobFirst = Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 50, 1005));
        var aliceLater = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 50, 1005));
        var aliceBetter = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 50, 1000));

        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 120, 1005));

        var sells = result.Events.OfType<TradeExecuted>().Select(t => t.SellOrderId).ToList();
        Assert.Equal([aliceBetter, bobFirst, aliceLater], sells);
        Assert.Equal(30, (long)fixture.Register.State.Market.Orders[aliceLater].Remaining.Units);
    }

    [Fact]
    public void ImmediateOrCancel_Rest_IsCancelled()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 150, 1000, TimeInForce.ImmediateOrCancel));

        Assert.Equal("unfilled", Assert.Single(result.Events.OfType<OrderCancelled>()).Reason);
        Assert.Equal(100, fixture.Balance(Dave));
        Assert.Null(Book(fixture).Bids.Best);
    }

    [Fact]
    public void FillOrKill_NotEnough_IsRejected()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        fixture.AssertRejected(Limit(fixture, Dave, OrderSide.Buy, 150, 1000, TimeInForce.FillOrKill), Reasons.Reasons.FillOrKillUnfilled);
        fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 100, 1000, TimeInForce.FillOrKill));
        Assert.Equal(100, fixture.Balance(Dave));
    }

    [Fact]
    public void MarketOrder_EmptyBook_IsRejected()
    {
        var fixture = Create();

        fixture.AssertRejected(MarketOrder(fixture, Dave, OrderSide.Buy, 10), Reasons.Reasons.NoLiquidity);
    }

    [Fact]
    public void MarketOrder_WalksLevels()
    {
        var fixture = Create();
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));
        Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 100, 1100));

        var result = fixture.MustExecute(MarketOrder(fixture, Dave, OrderSide.Buy, 150));

        Assert.Equal([200L, 220L], result.Events.OfType<TradeExecuted>().Select(t => t.PriceTicks).ToList());
        Assert.Equal(150, fixture.Balance(Dave));
    }

    [Fact]
    public void Cancel_RestoresSpendable()
    {
        var fixture = Create();
        var id = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 300, 1000));

        fixture.AssertRejected(new CancelOrder(id) { Actor = Actor.Investor("bob") }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(new CancelOrder(id) { Actor = Actor.Investor("alice") });

        Assert.Equal(1000, Spendable(fixture, Alice));
        Assert.Null(Book(fixture).Asks.Best);
        fixture.AssertRejected(new CancelOrder(id), Reasons.Reasons.OrderNotOpen);
        fixture.AssertRejected(new CancelOrder(999), Reasons.Reasons.NotFound);
    }

    [Fact]
    public void BuyOrder_AboveMaxHolders_IsRejected()
    {
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(2)]);

        fixture.AssertRejected(Limit(fixture, Dave, OrderSide.Buy, 10, 1000), Reasons.Reasons.MaxHoldersReached);

        Assert.Null(Book(fixture).Bids.Best);
        Place(fixture, Limit(fixture, Bob, OrderSide.Buy, 10, 1000));
    }

    [Fact]
    public void RestingSell_OwnerFrozen_IsCancelledAtMatch()
    {
        var fixture = Create();
        var aliceSell = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));
        var bobSell = Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 100, 1050));
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Alice));

        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 100, 1050));

        var cancelled = Assert.Single(result.Events.OfType<OrderCancelled>());
        Assert.Equal(aliceSell, cancelled.OrderId);
        Assert.Equal("account_frozen", cancelled.Reason);
        Assert.Equal(bobSell, Assert.Single(result.Events.OfType<TradeExecuted>()).SellOrderId);
        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(0, (long)fixture.Register.PositionOf(fixture.SecurityId, Alice)!.Held.Units);
        Assert.Equal(100, fixture.Balance(Dave));
    }

    [Fact]
    public void SelfTrade_CancelsRestingOrder()
    {
        var fixture = Create();
        var resting = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));

        var result = fixture.MustExecute(Limit(fixture, Alice, OrderSide.Buy, 100, 1000));

        Assert.Equal(resting, Assert.Single(result.Events.OfType<OrderCancelled>()).OrderId);
        Assert.Empty(result.Events.OfType<TradeExecuted>());
        Assert.NotNull(Book(fixture).Bids.Best);
    }

    [Fact]
    public void Order_BadInput_ChangesNothing()
    {
        var fixture = Create();
        var good = Limit(fixture, Alice, OrderSide.Sell, 100, 1000);

        fixture.AssertRejected(good with { Quantity = Amount.Zero }, Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(good with { Quantity = Amount.FromUnits(-10) }, Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(good with { Quantity = Amount.FromUnits(15) }, Reasons.Reasons.QuantityOffLot);
        fixture.AssertRejected(good with { Price = Amount.FromUnits(1001) }, Reasons.Reasons.PriceOffTick);
        fixture.AssertRejected(good with { Price = Amount.Zero }, Reasons.Reasons.PriceOffTick);
        fixture.AssertRejected(good with { Price = Amount.FromUnits(-5) }, Reasons.Reasons.PriceOffTick);
        fixture.AssertRejected(good with { Price = null }, Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(good with { Price = new Amount(Int128.MaxValue) }, Reasons.Reasons.InvalidAmount);
        fixture.AssertRejected(good with { SecurityId = "unknown" }, Reasons.Reasons.NotFound);
        fixture.AssertRejected(good with { Quantity = Amount.FromUnits(1010) }, Reasons.Reasons.InsufficientBalance);
        fixture.AssertRejected(good with { Actor = Actor.Investor("bob") }, Reasons.Reasons.PermissionDenied);
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));
        fixture.AssertRejected(good, Reasons.Reasons.SecurityPaused);
        fixture.AssertRejected(Limit(fixture, Dave, OrderSide.Buy, 10, 1000), Reasons.Reasons.SecurityPaused);
    }

    [Fact]
    public void Order_ValueOverflow_IsRejected()
    {
        var fixture = Create();
        var huge = new Amount(Int128.MaxValue / 100 * 60);

        fixture.AssertRejected(Limit(fixture, Dave, OrderSide.Buy, 10, 1000) with { Quantity = huge }, Reasons.Reasons.Overflow);

        Assert.Null(Book(fixture).Bids.Best);
    }

    [Fact]
    public void Order_WithoutMarketSettings_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(Limit(fixture, Alice, OrderSide.Sell, 100, 1000), Reasons.Reasons.MarketNotConfigured);
    }

    [Fact]
    public void ConfigureMarket_StaleVersion_IsRejected()
    {
        var fixture = Create();

        fixture.AssertRejected(new ConfigureMarket(fixture.SecurityId, "EUR", Amount.FromUnits(1), Amount.FromUnits(1), ExpectedVersion: 0),
            Reasons.Reasons.VersionMismatch);
        fixture.MustExecute(new ConfigureMarket(fixture.SecurityId, "EUR", Amount.FromUnits(1), Amount.FromUnits(1), ExpectedVersion: 1));

        Assert.Equal(2, Book(fixture).SettingsVersion);
        Assert.Equal("EUR", Book(fixture).Settings.Currency);
    }

    [Fact]
    public void ConfigureMarket_BadSettings_AreRejected()
    {
        var fixture = Create();

        fixture.AssertRejected(new ConfigureMarket(fixture.SecurityId, "XYZ", Amount.FromUnits(1), Amount.FromUnits(1)), Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(new ConfigureMarket(fixture.SecurityId, "USD", Amount.Zero, Amount.FromUnits(1)), Reasons.Reasons.InvalidArgument);
        fixture.AssertRejected(new ConfigureMarket(fixture.SecurityId, "USD", Amount.FromUnits(1), Amount.FromUnits(1))
            { Actor = RegisterFixture.Agent(Permissions.Supply) }, Reasons.Reasons.PermissionDenied);
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000));
        fixture.AssertRejected(new ConfigureMarket(fixture.SecurityId, "USD", Amount.FromUnits(1), Amount.FromUnits(1)), Reasons.Reasons.MarketActivityOpen);
    }
}

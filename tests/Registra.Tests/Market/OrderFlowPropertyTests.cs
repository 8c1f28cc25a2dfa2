using CsCheck;
using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.OrderBook;
using Registra.Register;
using Registra.Tests.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Market;

/// <summary>One random step of order flow: an order of some kind, or a cancel of a live order.</summary>
/// <param name="Kind">0-4 limit GTC, 5 limit IOC, 6 limit FOK, 7 market, 8 cancel, 9 freeze or unfreeze the trader.</param>
public sealed record OrderStep(int Kind, int Trader, bool Buy, int Lots, int PriceOffset);

public sealed class OrderFlowPropertyTests
{
    private const long Iterations = 200;
    private const long LotSize = 10;
    private const long TickSize = 5;
    private const long MaxBalance = 1500;

    /// <summary>Cents each trader starts with: enough for a few large buy orders, not for every one.</summary>
    private const long StartingCash = 2_000_000;

    private static readonly string[] Traders = ["alice", "bob", "dave", "erin"];

    private static readonly Gen<OrderStep[]> Flows = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, Traders.Length - 1], Gen.Bool, Gen.Int[1, 30], Gen.Int[-4, 4],
        (kind, trader, buy, lots, offset) => new OrderStep(kind, trader, buy, lots, offset)).Array[1, 80];

    /// <summary>A tighter cap for the fill-or-kill flow, so that a buyer's resting bids often add up to more than it may still receive.</summary>
    private const long TightMaxBalance = 700;

    private static RegisterFixture NewMarket() => NewMarket(MaxBalance, alice: 1000, erin: 800);

    private static RegisterFixture NewMarket(long maxBalance, long alice, long erin)
    {
        var fixture = RegisterFixture.Create(alice: alice,
            rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule(maxBalance.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        fixture.AddInvestor("dave");
        fixture.AddInvestor("erin");
        fixture.MustExecute(new Issue(fixture.SecurityId, "erin-1", Amount.FromUnits(erin)));
        foreach (var trader in Traders)
        {
            MarketFixture.Fund(fixture, trader, StartingCash);
        }

        fixture.MustExecute(new ConfigureMarket(fixture.SecurityId, "USD", Amount.FromUnits(TickSize), Amount.FromUnits(LotSize)));
        return fixture;
    }

    private static RegisterCommand ToCommand(RegisterFixture fixture, OrderStep step)
    {
        var trader = Traders[step.Trader];
        var account = trader + "-1";
        var actor = Actor.Investor(trader);
        var side = step.Buy ? OrderSide.Buy : OrderSide.Sell;
        var quantity = Amount.FromUnits(step.Lots * LotSize);
        var price = Amount.FromUnits((200 + step.PriceOffset) * TickSize);
        switch (step.Kind)
        {
            case 8:
                var live = fixture.Register.State.Market.Orders.Keys.Order().ToList();
                return new CancelOrder(live.Count == 0 ? 1 : live[step.Lots % live.Count]) { Actor = actor };
            case 9:
                var frozen = fixture.Register.PositionOf(fixture.SecurityId, account) is { IsFrozen: true };
                return frozen ? new UnfreezeAccount(fixture.SecurityId, account) : new FreezeAccount(fixture.SecurityId, account);
        }

        var (type, timeInForce) = step.Kind switch
        {
            5 => (OrderType.Limit, TimeInForce.ImmediateOrCancel),
            6 => (OrderType.Limit, TimeInForce.FillOrKill),
            7 => (OrderType.Market, TimeInForce.ImmediateOrCancel),
            _ => (OrderType.Limit, TimeInForce.GoodTillCancelled),
        };
        return new PlaceOrder(fixture.SecurityId, account, side, type, timeInForce, quantity, type == OrderType.Market ? null : price) { Actor = actor };
    }

    [Fact]
    public void OrderFlow_Trades_NeverSkipBetterPrice()
    {
        Flows.Sample(steps =>
        {
            var fixture = NewMarket();
            foreach (var step in steps)
            {
                var command = ToCommand(fixture, step);
                var opposite = command is PlaceOrder order ? OppositeOrders(fixture, order) : [];
                var result = fixture.Execute(command);

                var trades = result.Events.OfType<TradeExecuted>().ToList();
                if (trades.Count == 0)
                {
                    continue;
                }

                // Orders cancelled during matching (self trades, owners frozen or no longer eligible) are skipped.
                var cancelled = result.Events.OfType<OrderCancelled>().Select(e => e.OrderId).ToHashSet();
                var placed = (PlaceOrder)command;
                Assert.Equal(opposite.First(resting => !cancelled.Contains(resting.Id)).PriceTicks, trades[0].PriceTicks);
                for (var i = 1; i < trades.Count; i++)
                {
                    Assert.True(placed.Side == OrderSide.Buy ? trades[i].PriceTicks >= trades[i - 1].PriceTicks : trades[i].PriceTicks <= trades[i - 1].PriceTicks);
                }

                if (placed.Price is { } limit)
                {
                    var limitTicks = (long)(limit.Units / TickSize);
                    Assert.All(trades, trade => Assert.True(placed.Side == OrderSide.Buy ? trade.PriceTicks <= limitTicks : trade.PriceTicks >= limitTicks));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void OrderFlow_AfterEveryStep_KeepsInvariants()
    {
        Flows.Sample(steps =>
        {
            var fixture = NewMarket();
            var supply = fixture.Security.Supply;
            foreach (var step in steps)
            {
                fixture.Execute(ToCommand(fixture, step));

                Assert.Empty(Invariants.Check(fixture.Register.State));
                Assert.Equal(supply, fixture.Security.Supply);
                Assert.Equal(StartingCash * Traders.Length, Traders.Sum(trader => MarketFixture.CashOf(fixture, trader)));
                AssertBookConsistent(fixture);
                Assert.All(fixture.Security.Holders.Values, holder => Assert.True(holder.Total <= Amount.FromUnits(MaxBalance)));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void OrderFlow_Replay_RebuildsSameBook()
    {
        Flows.Sample(steps =>
        {
            var fixture = NewMarket();
            foreach (var step in steps)
            {
                fixture.Execute(ToCommand(fixture, step));
            }

            var replayed = new RegisterMachine();
            foreach (var ledgerEvent in fixture.Journal)
            {
                replayed.Apply(ledgerEvent);
            }

            var restored = StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State));
            var expected = Convert.ToHexString(StateDigest.Compute(fixture.Register.State));
            Assert.Equal(expected, Convert.ToHexString(StateDigest.Compute(replayed.State)));
            Assert.Equal(expected, Convert.ToHexString(StateDigest.Compute(restored)));
            Assert.Equal(DescribeBook(fixture.Register.State, fixture.SecurityId), DescribeBook(replayed.State, fixture.SecurityId));
            Assert.Equal(DescribeBook(fixture.Register.State, fixture.SecurityId), DescribeBook(restored, fixture.SecurityId));
        }, iter: Iterations);
    }

    /// <summary>
    /// Turns kinds 4 to 7 (a resting limit, an immediate limit, a fill-or-kill limit and a market
    /// order) into fill-or-kill orders, so four steps in ten are fill-or-kill.
    /// </summary>
    private static RegisterCommand ToFillOrKillHeavyCommand(RegisterFixture fixture, OrderStep step)
    {
        var command = ToCommand(fixture, step);
        return command is PlaceOrder order && step.Kind is >= 4 and <= 7 ? order with { TimeInForce = TimeInForce.FillOrKill } : command;
    }

    [Fact]
    public void OrderFlow_FillOrKill_AllOrNothing()
    {
        Flows.Sample(steps =>
        {
            var fixture = NewMarket(TightMaxBalance, alice: 600, erin: 600);
            foreach (var step in steps)
            {
                var command = ToFillOrKillHeavyCommand(fixture, step);
                if (command is not PlaceOrder { TimeInForce: TimeInForce.FillOrKill } order)
                {
                    fixture.Execute(command);
                    continue;
                }

                var before = StateSnapshot.Write(fixture.Register.State);
                var sequence = fixture.Register.State.LastSequence;
                var result = fixture.Execute(order);

                if (result.Accepted)
                {
                    // Accepted means filled: every unit traded and nothing of the order cancelled or left resting.
                    var id = long.Parse(result.CreatedId!, System.Globalization.CultureInfo.InvariantCulture);
                    var traded = result.Events.OfType<TradeExecuted>()
                        .Where(trade => trade.BuyOrderId == id || trade.SellOrderId == id)
                        .Aggregate(Int128.Zero, (sum, trade) => sum + trade.Quantity);
                    Assert.Equal(order.Quantity.Units, traded);
                    Assert.DoesNotContain(result.Events.OfType<OrderCancelled>(), cancelled => cancelled.OrderId == id);
                    Assert.False(fixture.Register.State.Market.Orders.ContainsKey(id));
                }
                else
                {
                    // Rejected means nothing changed, not even the cancellation of ineligible resting orders.
                    Assert.Empty(result.Events);
                    Assert.Equal(sequence, fixture.Register.State.LastSequence);
                    Assert.Equal(before, StateSnapshot.Write(fixture.Register.State));
                }

                Assert.Empty(Invariants.Check(fixture.Register.State));
                Assert.All(fixture.Security.Holders.Values, holder => Assert.True(holder.Total <= Amount.FromUnits(TightMaxBalance)));
            }

            var replayed = new RegisterMachine();
            foreach (var ledgerEvent in fixture.Journal)
            {
                replayed.Apply(ledgerEvent);
            }

            Assert.Equal(StateSnapshot.Write(fixture.Register.State), StateSnapshot.Write(replayed.State));
        }, iter: Iterations);
    }

    /// <summary>The opposite side's orders in priority order, best price and oldest first.</summary>
    private static List<(long Id, long PriceTicks)> OppositeOrders(RegisterFixture fixture, PlaceOrder order)
    {
        var orders = new List<(long Id, long PriceTicks)>();
        foreach (var level in MarketFixture.Book(fixture).Opposite(order.Side).Levels())
        {
            for (var resting = level.Head; resting is not null; resting = resting.Next)
            {
                orders.Add((resting.Id, level.PriceTicks));
            }
        }

        return orders;
    }

    private static void AssertBookConsistent(RegisterFixture fixture)
    {
        var book = MarketFixture.Book(fixture);
        var inBook = 0;
        var heldByOrders = new Dictionary<string, Amount>();
        foreach (var side in new[] { book.Bids, book.Asks })
        {
            foreach (var level in side.Levels())
            {
                var sum = Amount.Zero;
                for (var order = level.Head; order is not null; order = order.Next)
                {
                    Assert.True(order.Remaining.IsPositive);
                    Assert.Equal(level.PriceTicks, order.PriceTicks);
                    sum = sum.Plus(order.Remaining);
                    inBook++;
                    if (!order.IsBuy)
                    {
                        heldByOrders[order.AccountId] = heldByOrders.GetValueOrDefault(order.AccountId).Plus(order.Remaining);
                    }
                }

                Assert.Equal(sum, level.Quantity);
            }
        }

        Assert.Equal(inBook, fixture.Register.State.Market.Orders.Count);
        if (book.Bids.Best is { } bid && book.Asks.Best is { } ask)
        {
            Assert.True(bid.PriceTicks < ask.PriceTicks, $"The book is crossed: bid {bid.PriceTicks}, ask {ask.PriceTicks}.");
        }

        foreach (var position in fixture.Security.Positions.Values)
        {
            Assert.Equal(heldByOrders.GetValueOrDefault(position.AccountId), position.Held);
        }
    }

    private static string DescribeBook(RegisterState state, string securityId)
    {
        var book = state.Market.Books[securityId];
        var lines = new List<string>();
        foreach (var side in new[] { book.Bids, book.Asks })
        {
            foreach (var level in side.Levels())
            {
                for (var order = level.Head; order is not null; order = order.Next)
                {
                    lines.Add($"{order.Side} {order.Id} {order.AccountId} {order.PriceTicks} {order.Quantity} {order.Remaining} {order.AcceptedAt:O}");
                }
            }
        }

        lines.AddRange(book.RecentTrades.Select(t => $"trade {t}"));
        lines.Add($"next {state.Market.NextOrderId} {state.Market.NextTradeId}");
        return string.Join("\n", lines);
    }
}

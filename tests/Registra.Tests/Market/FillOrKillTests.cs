using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.OrderBook;
using Registra.Register;
using Registra.Tests.Register;
using static Registra.Tests.Market.MarketFixture;

namespace Registra.Tests.Market;

/// <summary>
/// Fill-or-kill orders that rules depending on running totals stop part-way: the order must be
/// rejected with nothing changed, never keeping the part already traded.
/// </summary>
public sealed class FillOrKillTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;

    /// <summary>Executes a command that must be rejected and checks that the whole snapshot of the register is byte for byte as before.</summary>
    private static IReadOnlyList<Reasons.Failure> AssertRejectedUnchanged(RegisterFixture fixture, RegisterCommand command, Reasons.ReasonCode expected)
    {
        var before = StateSnapshot.Write(fixture.Register.State);

        var failures = fixture.AssertRejected(command, expected);

        Assert.Equal(before, StateSnapshot.Write(fixture.Register.State));
        Assert.Empty(Invariants.Check(fixture.Register.State));
        return failures;
    }

    [Fact]
    public void FillOrKill_MaxBalanceMidFill_ChangesNothing()
    {
        // Dave may hold 100; each of his two bids of 60 passes alone, both together do not.
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);
        var first = Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 60, 1000));
        var second = Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 60, 995));

        var failures = AssertRejectedUnchanged(fixture, Limit(fixture, Alice, OrderSide.Sell, 120, 995, TimeInForce.FillOrKill),
            Reasons.Reasons.FillOrKillUnfilled);

        Assert.Equal("120", failures[0].Limit);
        Assert.Equal("60", failures[0].Current);
        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(0, fixture.Balance(Dave));
        Assert.Equal(StartingCash, CashOf(fixture, "alice"));
        Assert.Equal([first, second], Book(fixture).Bids.Levels().SelectMany(Orders).Select(order => order.Id));
        Assert.Empty(Book(fixture).RecentTrades);
    }

    [Fact]
    public void ImmediateOrCancel_MaxBalanceMidFill_KeepsPart()
    {
        // The same flow as an immediate-or-cancel order trades what it can, which is what a fill-or-kill order must not do.
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 60, 1000));
        var second = Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 60, 995));

        var result = fixture.MustExecute(Limit(fixture, Alice, OrderSide.Sell, 120, 995, TimeInForce.ImmediateOrCancel));

        Assert.Single(result.Events.OfType<TradeExecuted>());
        Assert.Contains(result.Events.OfType<OrderCancelled>(), cancelled => cancelled.OrderId == second && cancelled.Reason == "max_balance_exceeded");
        Assert.Equal(60, fixture.Balance(Dave));
    }

    [Fact]
    public void FillOrKill_MaxHoldersMidFill_ChangesNothing()
    {
        // Two holders now and room for three: either new buyer alone fits, both together do not.
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(3)]);
        var erin = fixture.AddInvestor("erin");
        Fund(fixture, "erin", StartingCash);
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 50, 1000));
        Place(fixture, Limit(fixture, erin, OrderSide.Buy, 50, 1000));

        AssertRejectedUnchanged(fixture, Limit(fixture, Alice, OrderSide.Sell, 100, 1000, TimeInForce.FillOrKill), Reasons.Reasons.FillOrKillUnfilled);

        Assert.Equal(2, fixture.HolderCount);
        Assert.Equal(2, Book(fixture).Bids.Best!.Count);
    }

    [Fact]
    public void FillOrKill_TransferCheckMidFill_ReportsBoth()
    {
        // Bob may sell all 500 but not leave 250, below the minimum holding of 300, after the first fill.
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MinHoldingRule("300")]);
        Place(fixture, Limit(fixture, Alice, OrderSide.Buy, 250, 1000));
        Place(fixture, Limit(fixture, Alice, OrderSide.Buy, 250, 1000));

        var failures = AssertRejectedUnchanged(fixture, Limit(fixture, Bob, OrderSide.Sell, 500, 1000, TimeInForce.FillOrKill),
            Reasons.Reasons.FillOrKillUnfilled);

        Assert.Equal(["fill_or_kill_unfilled", "below_min_holding"], RegisterFixture.Codes(failures));
        Assert.Equal("0", failures[0].Current);
        Assert.Equal(500, fixture.Balance(Bob));
    }

    [Fact]
    public void MarketFillOrKill_CashRunsOut_ChangesNothing()
    {
        // Erin's 600 USD pays for the first 50 at 10.00 but not the next 50 at 10.05.
        var fixture = Create();
        var erin = fixture.AddInvestor("erin");
        Fund(fixture, "erin", 60_000);
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 50, 1000));
        Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 50, 1005));

        var failures = AssertRejectedUnchanged(fixture, MarketOrder(fixture, erin, OrderSide.Buy, 100, TimeInForce.FillOrKill),
            Reasons.Reasons.FillOrKillUnfilled);

        Assert.Equal(["fill_or_kill_unfilled", "insufficient_cash"], RegisterFixture.Codes(failures));
        Assert.Equal(60_000, CashOf(fixture, "erin"));
        Assert.Equal(0, fixture.Balance(erin));
    }

    [Fact]
    public void FillOrKill_IneligibleRestingOrder_StaysResting()
    {
        // Matching cancels the frozen seller's ask before Erin's cash runs out; the rollback puts it back at the front.
        var fixture = Create();
        var erin = fixture.AddInvestor("erin");
        Fund(fixture, "erin", 60_000);
        var frozen = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 50, 1000));
        var bobFirst = Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 50, 1000));
        Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 50, 1005));
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Alice));

        AssertRejectedUnchanged(fixture, MarketOrder(fixture, erin, OrderSide.Buy, 100, TimeInForce.FillOrKill), Reasons.Reasons.FillOrKillUnfilled);

        Assert.Equal([frozen, bobFirst], Orders(Book(fixture).Asks.Best!).Select(order => order.Id));
        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 50, 1000, TimeInForce.FillOrKill));
        Assert.Contains(result.Events.OfType<OrderCancelled>(), cancelled => cancelled.OrderId == frozen && cancelled.Reason == "account_frozen");
        Assert.Equal(bobFirst, Assert.Single(result.Events.OfType<TradeExecuted>()).SellOrderId);
        Assert.Equal(50, fixture.Balance(Dave));
    }

    [Fact]
    public void FillOrKill_AcrossLevels_FillsWhole()
    {
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);
        Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 40, 1000));
        Place(fixture, Limit(fixture, Bob, OrderSide.Sell, 60, 1005));

        var result = fixture.MustExecute(Limit(fixture, Dave, OrderSide.Buy, 100, 1005, TimeInForce.FillOrKill));

        Assert.Equal(100, result.Events.OfType<TradeExecuted>().Sum(trade => (long)trade.Quantity));
        Assert.DoesNotContain(result.Events.OfType<OrderCancelled>(), cancelled => cancelled.OrderId == long.Parse(result.CreatedId!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100, fixture.Balance(Dave));
        Assert.Empty(Invariants.Check(fixture.Register.State));
    }

    [Fact]
    public void FillOrKill_RejectedThenReplayed_SameState()
    {
        var fixture = Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxBalanceRule("100")]);
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 60, 1000));
        Place(fixture, Limit(fixture, Dave, OrderSide.Buy, 60, 995));
        fixture.AssertRejected(Limit(fixture, Alice, OrderSide.Sell, 120, 995, TimeInForce.FillOrKill), Reasons.Reasons.FillOrKillUnfilled);
        var filled = Place(fixture, Limit(fixture, Alice, OrderSide.Sell, 60, 1000, TimeInForce.FillOrKill));

        var replayed = new Registra.Register.Register();
        foreach (var ledgerEvent in fixture.Journal)
        {
            replayed.Apply(ledgerEvent);
        }

        Assert.Equal(StateSnapshot.Write(fixture.Register.State), StateSnapshot.Write(replayed.State));
        Assert.Equal(filled, fixture.Register.State.Market.NextOrderId - 1);
        Assert.Equal(60, fixture.Balance(Dave));
    }

    private static IEnumerable<Order> Orders(PriceLevel level)
    {
        for (var order = level.Head; order is not null; order = order.Next)
        {
            yield return order;
        }
    }
}

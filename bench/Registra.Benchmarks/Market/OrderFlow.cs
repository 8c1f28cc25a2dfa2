using Registra.Amounts;
using Registra.Commands;
using Registra.Demo;
using Registra.Market.OrderBook;

namespace Registra.Benchmarks.Market;

/// <summary>
/// A seeded stream of order commands for one security: limit orders a few ticks around a mid
/// price (some crossing it), immediate-or-cancel limits, market orders and cancels of recent
/// orders. Cancels name the ids that recent orders get when every order before them is accepted,
/// so some cancels find an order already filled and are rejected, as cancels racing fills are.
/// </summary>
internal sealed class OrderFlow(string securityId, int traders, int seed = 7)
{
    public const long MidTicks = 10_000;

    private readonly Random _random = new(seed);
    private long _placed;

    /// <summary>Percentages of the mix: limit orders that may rest, immediate limits, market orders; cancels take the rest.</summary>
    public static (int Limit, int Immediate, int Market) Mix => (55, 5, 15);

    public RegisterCommand Next()
    {
        var roll = _random.Next(100);
        var (limit, immediate, market) = Mix;
        if (roll >= limit + immediate + market && _placed > 0)
        {
            var id = Math.Max(1, _placed - _random.Next(500));
            return new CancelOrder(id);
        }

        _placed++;
        var account = DemoScenario.AccountOf(_random.Next(traders));
        var side = _random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var quantity = Amount.FromUnits(_random.Next(1, 101));
        if (roll >= limit + immediate)
        {
            return new PlaceOrder(securityId, account, side, OrderType.Market, TimeInForce.ImmediateOrCancel, quantity, null);
        }

        // Passive by up to five ticks, or crossing by up to two, so most orders rest near the touch.
        var offset = _random.Next(-2, 6);
        var ticks = side == OrderSide.Buy ? MidTicks - offset : MidTicks + offset;
        var timeInForce = roll >= limit ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancelled;
        return new PlaceOrder(securityId, account, side, OrderType.Limit, timeInForce, quantity, Amount.FromUnits(ticks));
    }

    public RegisterCommand[] Take(int count)
    {
        var commands = new RegisterCommand[count];
        for (var i = 0; i < count; i++)
        {
            commands[i] = Next();
        }

        return commands;
    }
}

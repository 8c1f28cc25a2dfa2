using Registra.Amounts;
using Registra.Identifiers;
using Registra.Market.OrderBook;
using Registra.Reasons;

namespace Registra.Register;

/// <summary>Checks of a limit order's price, with messages in decimal prices of the book's currency.</summary>
public sealed partial class Register
{
    private static Failure MissingPrice(MarketSettings settings)
    {
        // Two hundred ticks gives a plausible price, such as 10 on a 0.05 tick.
        var exampleUnits = settings.TickSize <= Int128.MaxValue / 200 ? settings.TickSize * 200 : settings.TickSize;
        var example = new Amount(exampleUnits).Format(MinorUnitsOf(settings));
        return new Failure(Reasons.Reasons.InvalidArgument, "input", null, null,
            $"A limit order needs a price. Send \"price\" as a decimal string in {settings.Currency} on the {TickText(settings)} tick, " +
            $"such as \"{example}\", or send \"type\": \"market\" to trade at the best prices in the book.") { Subject = "price" };
    }

    /// <summary>
    /// Rejects a price whose tick count does not fit in 64 bits with <c>invalid_amount</c>, as other amounts
    /// that are too large are rejected, and a price that is not a positive multiple of the tick with <c>price_off_tick</c>.
    /// </summary>
    private static Failure? PriceProblem(Amount price, MarketSettings settings)
    {
        var minorUnits = MinorUnitsOf(settings);
        var text = price.Format(minorUnits);
        if (price.Units / settings.TickSize > long.MaxValue)
        {
            var highest = new Amount(long.MaxValue * (Int128)settings.TickSize).Format(minorUnits);
            return new Failure(Reasons.Reasons.InvalidAmount, "price", highest, text,
                $"The price '{text}' is too large. The highest price this book takes is {highest} {settings.Currency}.") { Subject = text };
        }

        if (price.IsPositive && price.Units % settings.TickSize == 0)
        {
            return null;
        }

        var below = price.Units / settings.TickSize * settings.TickSize;
        var nearest = below > 0
            ? $"The nearest prices on the tick are {new Amount(below).Format(minorUnits)} and {new Amount(below + settings.TickSize).Format(minorUnits)}"
            : $"The lowest price is {TickText(settings)}";
        return new Failure(Reasons.Reasons.PriceOffTick, "tick_size", TickText(settings), text,
            $"Give a positive limit price in multiples of {TickText(settings)} {settings.Currency}. {nearest}.") { Subject = text };
    }

    private static int MinorUnitsOf(MarketSettings settings) => CurrencyCode.Parse(settings.Currency).MinorUnits ?? 0;

    private static string TickText(MarketSettings settings) => new Amount(settings.TickSize).Format(MinorUnitsOf(settings));
}

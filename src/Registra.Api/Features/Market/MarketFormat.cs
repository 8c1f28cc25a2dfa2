using Registra.Amounts;
using Registra.Identifiers;
using Registra.Market.OrderBook;
using Registra.Reasons;

namespace Registra.Api.Features.Market;

/// <summary>Converts a book's integer prices and quantities to and from the API's decimal strings.</summary>
internal readonly record struct MarketFormat(MarketSettings Settings, int Decimals)
{
    /// <summary>Digits after the decimal point of the book's currency; 0 for codes without a minor unit.</summary>
    public int MinorUnits => CurrencyCode.Parse(Settings.Currency).MinorUnits ?? 0;

    public string Price(long ticks) => new Amount(checked(ticks * Settings.TickSize)).Format(MinorUnits);

    public string Quantity(Amount quantity) => quantity.Format(Decimals);

    public QuoteView Quote(PriceLevel level) => new(Price(level.PriceTicks), Quantity(level.Quantity), level.Count);

    /// <summary>Formats the cash value of a quantity at a price, in the currency.</summary>
    public string Value(long ticks, Amount quantity) => Book.Notional(Settings, ticks, quantity, Decimals).Format(MinorUnits);

    public TradeView Trade(TradeRecord trade) =>
        new(trade.Id, trade.BuyOrderId, trade.SellOrderId, Price(trade.PriceTicks), Quantity(trade.Quantity), Value(trade.PriceTicks, trade.Quantity),
            trade.Aggressor, trade.At);

    /// <summary>Parses a decimal price in the currency into minor units.</summary>
    public (Amount Price, Failure? Failure) ParsePrice(string text) => Registra.Register.Register.ParseAmount(text, MinorUnits);

    public static List<QuoteView> Depth(BookSide side, MarketFormat format, int levels)
    {
        var quotes = new List<QuoteView>(levels);
        foreach (var level in side.Levels())
        {
            if (quotes.Count == levels)
            {
                break;
            }

            quotes.Add(format.Quote(level));
        }

        return quotes;
    }
}

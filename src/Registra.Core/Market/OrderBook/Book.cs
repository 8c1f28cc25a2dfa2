using Registra.Amounts;

namespace Registra.Market.OrderBook;

/// <summary>
/// Trading settings of a security. Prices are in minor units of <see cref="Currency"/> per
/// whole unit of the security, always a multiple of <see cref="TickSize"/>; quantities are in
/// the security's smallest unit, always a multiple of <see cref="LotSize"/>. The settings
/// guarantee that lot size times tick size is a whole number of minor units per lot.
/// </summary>
public sealed record MarketSettings(string Currency, Int128 TickSize, Amount LotSize);

/// <summary>A trade as kept for market data.</summary>
public sealed record TradeRecord(long Id, long BuyOrderId, long SellOrderId, long PriceTicks, Amount Quantity, OrderSide Aggressor, DateTimeOffset At);

/// <summary>The order book of one security: resting bids and asks, settings and the recent trades.</summary>
public sealed class Book(string securityId, MarketSettings settings)
{
    /// <summary>Trades kept for market data; older ones are in the journal only.</summary>
    public const int RecentTradeCapacity = 256;

    public string SecurityId { get; } = securityId;

    public MarketSettings Settings { get; internal set; } = settings;

    /// <summary>Number of times the settings were set: 1 after the first, so 0 means no book yet.</summary>
    public int SettingsVersion { get; internal set; } = 1;

    public BookSide Bids { get; } = new(OrderSide.Buy);

    public BookSide Asks { get; } = new(OrderSide.Sell);

    /// <summary>The last trades, oldest first, at most <see cref="RecentTradeCapacity"/>.</summary>
    public Queue<TradeRecord> RecentTrades { get; } = new();

    public BookSide SideOf(OrderSide side) => side == OrderSide.Buy ? Bids : Asks;

    /// <summary>
    /// Returns the cash value, in minor units, of <paramref name="quantity"/> smallest units at
    /// <paramref name="priceTicks"/>. Exact, because the settings make one lot at one tick whole minor units.
    /// </summary>
    /// <exception cref="OverflowException">The value does not fit in 128 bits.</exception>
    public static Amount Notional(MarketSettings settings, long priceTicks, Amount quantity, int decimals) =>
        new(checked(priceTicks * settings.TickSize * quantity.Units) / Amount.Scale(decimals));

    public BookSide Opposite(OrderSide side) => side == OrderSide.Buy ? Asks : Bids;

    internal void RecordTrade(TradeRecord trade)
    {
        if (RecentTrades.Count == RecentTradeCapacity)
        {
            RecentTrades.Dequeue();
        }

        RecentTrades.Enqueue(trade);
    }
}

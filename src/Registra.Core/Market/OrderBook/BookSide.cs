namespace Registra.Market.OrderBook;

/// <summary>
/// One side of a book: price levels keyed by integer ticks, with the best level cached.
/// Bids are best at the highest price, asks at the lowest.
/// </summary>
public sealed class BookSide(OrderSide side)
{
    private readonly Dictionary<long, PriceLevel> _levels = [];
    private readonly SortedSet<long> _prices = [];

    public OrderSide Side { get; } = side;

    /// <summary>The level that trades first, or null when the side is empty.</summary>
    public PriceLevel? Best { get; private set; }

    public int LevelCount => _levels.Count;

    /// <summary>Levels from the best price outwards.</summary>
    public IEnumerable<PriceLevel> Levels()
    {
        var prices = Side == OrderSide.Buy ? _prices.Reverse() : _prices;
        foreach (var price in prices)
        {
            yield return _levels[price];
        }
    }

    /// <summary>Returns the level at the price, or null when no order rests there.</summary>
    public PriceLevel? Find(long priceTicks) => _levels.GetValueOrDefault(priceTicks);

    internal void Add(Order order) => LevelAt(order.PriceTicks).Append(order);

    /// <summary>Puts an order that matching removed back at the front of its level; used only to undo a match.</summary>
    internal void Restore(Order order) => LevelAt(order.PriceTicks).Prepend(order);

    private PriceLevel LevelAt(long priceTicks)
    {
        if (!_levels.TryGetValue(priceTicks, out var level))
        {
            level = new PriceLevel(priceTicks);
            _levels.Add(priceTicks, level);
            _prices.Add(priceTicks);
            if (Best is null || IsBetter(priceTicks, Best.PriceTicks))
            {
                Best = level;
            }
        }

        return level;
    }

    internal void Remove(Order order)
    {
        var level = order.Level!;
        level.Remove(order);
        if (level.Count > 0)
        {
            return;
        }

        _levels.Remove(level.PriceTicks);
        _prices.Remove(level.PriceTicks);
        if (ReferenceEquals(Best, level))
        {
            if (_prices.Count == 0)
            {
                Best = null;
                return;
            }

            var bestPrice = Side == OrderSide.Buy ? _prices.Max : _prices.Min;
            Best = _levels[bestPrice];
        }
    }

    /// <summary>Reduces a resting order's remaining quantity after a partial fill.</summary>
    internal static void Reduce(Order order, Registra.Amounts.Amount filled)
    {
        order.Remaining = order.Remaining.Minus(filled);
        order.Level!.Quantity = order.Level.Quantity.Minus(filled);
    }

    /// <summary>True when a buy at <paramref name="a"/> ranks before one at <paramref name="b"/> (or, for asks, a lower price).</summary>
    private bool IsBetter(long a, long b) => Side == OrderSide.Buy ? a > b : a < b;
}

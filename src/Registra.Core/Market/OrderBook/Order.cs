using Registra.Amounts;

namespace Registra.Market.OrderBook;

public enum OrderSide : byte
{
    Buy = 1,
    Sell = 2,
}

public enum OrderType : byte
{
    /// <summary>Trades at the limit price or better; a good-till-cancelled remainder rests in the book.</summary>
    Limit = 1,

    /// <summary>Trades at any price against the book and never rests.</summary>
    Market = 2,
}

public enum TimeInForce : byte
{
    GoodTillCancelled = 1,

    /// <summary>Trades what it can at once and cancels the rest.</summary>
    ImmediateOrCancel = 2,

    /// <summary>Trades the whole quantity at once or is rejected without trading.</summary>
    FillOrKill = 3,
}

/// <summary>
/// A live order. Resting orders sit in a FIFO queue of their price level; the links and the
/// level belong to that queue and are maintained only by <see cref="PriceLevel"/>.
/// </summary>
public sealed class Order(
    long id,
    string securityId,
    string accountId,
    string identityId,
    OrderSide side,
    OrderType type,
    TimeInForce timeInForce,
    long priceTicks,
    Amount quantity,
    Amount remaining,
    DateTimeOffset acceptedAt)
{
    public Order(long id, string securityId, string accountId, string identityId, OrderSide side, OrderType type,
        TimeInForce timeInForce, long priceTicks, Amount quantity, DateTimeOffset acceptedAt)
        : this(id, securityId, accountId, identityId, side, type, timeInForce, priceTicks, quantity, quantity, acceptedAt)
    {
    }

    public long Id { get; } = id;

    public string SecurityId { get; } = securityId;

    public string AccountId { get; } = accountId;

    public string IdentityId { get; } = identityId;

    public OrderSide Side { get; } = side;

    public OrderType Type { get; } = type;

    public TimeInForce TimeInForce { get; } = timeInForce;

    /// <summary>Limit price in ticks of the book's tick size; 0 for a market order.</summary>
    public long PriceTicks { get; } = priceTicks;

    public Amount Quantity { get; } = quantity;

    /// <summary>What is left to trade; the order leaves the book when it reaches zero.</summary>
    public Amount Remaining { get; internal set; } = remaining;

    public DateTimeOffset AcceptedAt { get; } = acceptedAt;

    public bool IsBuy => Side == OrderSide.Buy;

    internal Order? Previous { get; set; }

    internal Order? Next { get; set; }

    internal PriceLevel? Level { get; set; }
}

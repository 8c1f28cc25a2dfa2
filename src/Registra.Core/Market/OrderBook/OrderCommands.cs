using Registra.Amounts;
using Registra.Market.OrderBook;

namespace Registra.Commands;

/// <summary>Sets a security's trading currency, tick size and lot size, opening its order book.</summary>
/// <param name="TickSize">Smallest price step, in minor units of the currency per whole unit of the security.</param>
/// <param name="LotSize">Smallest quantity step, in the security's smallest unit.</param>
/// <param name="ExpectedVersion">When set, the change applies only if the settings have this version (0 before the first).</param>
public sealed record ConfigureMarket(string SecurityId, string Currency, Amount TickSize, Amount LotSize, int? ExpectedVersion = null) : RegisterCommand;

/// <param name="Price">Limit price in minor units of the book's currency per whole unit; null for a market order.</param>
public sealed record PlaceOrder(
    string SecurityId,
    string AccountId,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Amount Quantity,
    Amount? Price) : RegisterCommand;

public sealed record CancelOrder(long OrderId) : RegisterCommand;

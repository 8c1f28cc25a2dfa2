using Registra.Market.OrderBook;

namespace Registra.Api.Features.Market;

/// <param name="Amount">Decimal string in the security's units.</param>
/// <param name="ExpiresAt">From this instant on the hold can no longer be executed, only released.</param>
public sealed record HoldRequest(string Id, string From, string To, string Amount, DateTimeOffset ExpiresAt);

/// <param name="Amount">The part to move; without it everything still held moves.</param>
/// <param name="KeepOpen">Keeps the rest of a partial execution held instead of releasing it.</param>
public sealed record ExecuteHoldRequest(string? Amount = null, bool KeepOpen = false);

public sealed record HoldView(string Id, string SecurityId, string From, string To, string Amount, string Remaining, DateTimeOffset ExpiresAt, string Status);

/// <summary>A token leg (securityId, accounts) or a cash leg (currency, identities).</summary>
/// <param name="SecurityId">The security of a token leg; omit it for a cash leg.</param>
/// <param name="From">Sending account of a token leg, or sending identity of a cash leg.</param>
/// <param name="To">Receiving account of a token leg, or receiving identity of a cash leg.</param>
/// <param name="Amount">Decimal string in the security's units, or in the currency for a cash leg.</param>
/// <param name="Currency">ISO 4217 code of a cash leg; omit it for a token leg.</param>
public sealed record LegRequest(string From, string To, string Amount, string? SecurityId = null, string? Currency = null);

/// <param name="MediatorId">Identity that must also affirm, and alone may settle or cancel.</param>
public sealed record InstructionRequest(string Id, IReadOnlyList<LegRequest> Legs, DateTimeOffset ExpiresAt, string? MediatorId = null);

public sealed record AffirmRequest(string PartyId);

public sealed record InstructionView(
    string Id,
    IReadOnlyList<LegRequest> Legs,
    IReadOnlyList<string> Parties,
    string? MediatorId,
    IReadOnlyList<string> Affirmed,
    DateTimeOffset ExpiresAt,
    string Status);

/// <param name="Currency">ISO 4217 code of the currency prices are quoted in.</param>
/// <param name="TickSize">Smallest price step, as a decimal string in the currency (such as "0.05").</param>
/// <param name="LotSize">Smallest quantity step, as a decimal string in the security's units.</param>
public sealed record MarketSettingsRequest(string Currency, string TickSize, string LotSize);

/// <summary>Settings and top of book. Prices are decimal strings in the currency, quantities in the security's units.</summary>
public sealed record MarketView(string SecurityId, string Currency, string TickSize, string LotSize, QuoteView? BestBid, QuoteView? BestOffer, string Status);

public sealed record QuoteView(string Price, string Quantity, int Orders);

public sealed record DepthView(string SecurityId, IReadOnlyList<QuoteView> Bids, IReadOnlyList<QuoteView> Asks);

/// <param name="Value">Cash paid by the buyer to the seller, in the currency: price times quantity.</param>
/// <param name="Aggressor">The side of the order that arrived and took liquidity.</param>
public sealed record TradeView(long Id, long BuyOrderId, long SellOrderId, string Price, string Quantity, string Value, OrderSide Aggressor, DateTimeOffset At);

/// <param name="Price">Limit price as a decimal string in the book's currency per whole unit; omit it for a market order.</param>
/// <param name="Quantity">Decimal string in the security's units, a multiple of the lot size.</param>
public sealed record OrderRequest(
    string AccountId,
    OrderSide Side,
    string Quantity,
    OrderType Type = OrderType.Limit,
    TimeInForce TimeInForce = TimeInForce.GoodTillCancelled,
    string? Price = null);

/// <summary>
/// What became of an order: "resting" in the book, "filled", or "cancelled" with the reason
/// ("unfilled" for an immediate order's rest, or the reason code that stopped matching).
/// </summary>
public sealed record OrderReceipt(
    long OrderId,
    string Status,
    string Filled,
    string Remaining,
    IReadOnlyList<TradeView> Trades,
    string? CancelReason,
    long Sequence,
    long BlockHeight);

public sealed record OrderView(
    long Id,
    string SecurityId,
    string AccountId,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    string? Price,
    string Quantity,
    string Remaining,
    DateTimeOffset AcceptedAt);

/// <summary>An order of an identity: live in the book ("open"), or closed ("filled", "cancelled" with the reason).</summary>
/// <param name="Price">Limit price as a decimal string in <paramref name="Currency"/> per whole unit; null for a market order.</param>
/// <param name="Filled">Quantity traded so far, in the security's units.</param>
/// <param name="Remaining">Quantity not traded: still resting for an open order, cancelled for a cancelled one.</param>
/// <param name="FilledValue">Cash paid (buy) or received (sell) for the traded quantity, in the currency.</param>
/// <param name="CancelReason">For a cancelled order: "cancelled" by its owner or an agent, "unfilled" for an immediate order's rest, or the reason code that stopped matching.</param>
/// <param name="ClosedAt">When the order was filled or cancelled; null while it is open.</param>
public sealed record IdentityOrderView(
    long Id,
    string SecurityId,
    string AccountId,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    string? Price,
    string Currency,
    string Quantity,
    string Filled,
    string Remaining,
    string FilledValue,
    string Status,
    string? CancelReason,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? ClosedAt);

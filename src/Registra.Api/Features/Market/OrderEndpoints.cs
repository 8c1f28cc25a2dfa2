using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Access;
using Registra.Amounts;
using Registra.Api.Features.Movements;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Events;
using Registra.Identifiers;
using Registra.Market.OrderBook;
using Registra.Ledger.Engine;
using Registra.Securities;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Api.Features.Market;

/// <summary>Market settings, orders, book depth, trades and the market data stream of each security.</summary>
public static class OrderEndpoints
{
    /// <summary>Most price levels per side that a depth read returns.</summary>
    public const int MaxDepth = 100;

    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder v1)
    {
        var security = v1.MapGroup("/securities/{securityId}").WithTags("Market");
        security.MapPut("/market", Configure)
            .Documented<MarketView>("configureMarket", 200, "Set market settings",
                "Sets the currency, tick size and lot size, which opens the security's order book. Needs the compliance permission; settings change only while no order rests. With If-Match (the ETag of getMarket), a stale version is rejected with 412.", 400, 403, 404, 409, 412);
        security.MapGet("/market", GetMarket)
            .Documented<MarketView>("getMarket", 200, "Get market settings and best bid and offer", "Returns the settings and the top of the book. The ETag is the settings version to send in If-Match when changing them.", 404);
        security.MapGet("/book", GetBook)
            .Documented<DepthView>("getBook", 200, "Get book depth", "Returns up to `depth` price levels per side (default 10, at most 100), best first, with the quantity and number of orders at each.", 400, 404);
        security.MapGet("/trades", GetTrades)
            .Documented<Page<TradeView>>("listTrades", 200, "List recent trades",
                "Returns the book's last 256 trades, newest first, in pages of `limit` (default 100, clamped to 1 to 1000). `after` is the last trade id of the previous page. Older trades are in the ledger.", 400, 404);
        security.MapPost("/orders", Place)
            .Documented<OrderReceipt>("placeOrder", 201, "Place an order",
                "Checks compliance for the owner's side, then matches in price-time priority. Each trade moves the units in the same block. A sell order holds its units while it rests.", 400, 403, 404, 409);
        security.MapGet("/market-data", MarketDataStream.StreamAsync)
            .DocumentedStream("streamMarketData", "text/event-stream", "Stream trades and book changes",
                "Streams `trade` events and `book` events (the top ten levels per side after a change) as server-sent events, from ledger sequence `from` on. A trade event's id is its ledger sequence, so a client resumes with Last-Event-ID. Book events have no id; every connection gets the current book once it has caught up.", 404);
        v1.MapGet("/orders/{orderId}", GetOrder).WithTags("Market")
            .Documented<OrderView>("getOrder", 200, "Get a resting order", "Returns an order while it rests in the book. Investors see only their own orders.", 404);
        v1.MapPost("/orders/{orderId}:cancel", (string orderId, HttpContext context, CommandGateway gateway) =>
            OrderIdInput.Parse(orderId) is { } id ? MovementEndpoints.Submit(context, gateway, new CancelOrder(id)) : Task.FromResult(OrderIdInput.NotFound(orderId)))
            .WithTags("Market")
            .Documented<Receipt>("cancelOrder", 201, "Cancel an order", "Removes a resting order; a sell order's units are no longer held. The owner or an agent may cancel.", 403, 404, 409);
        return v1;
    }

    private static async Task<IResult> Configure(string securityId, MarketSettingsRequest request, HttpContext context, CommandGateway gateway)
    {
        if (CurrencyCode.Validate(request.Currency) is { } problemText)
        {
            return ApiProblems.InvalidRequest(problemText, request.Currency);
        }

        var (tick, tickFailure) = TickSizeInput.Parse(request.Currency, request.TickSize);
        if (tickFailure is not null)
        {
            return ApiProblems.Rejected([tickFailure]);
        }

        var (lot, problem) = await gateway.ParseAmountAsync(securityId, request.LotSize, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        // If-Match is optional: without it the settings are replaced whatever their version.
        int? expected = null;
        if (context.Request.Headers.IfMatch.Count > 0)
        {
            if (ETags.ParseVersion(context.Request.Headers.IfMatch.ToString()) is not { } version)
            {
                return ApiProblems.InvalidRequest("If-Match must be the ETag of GET /v1/securities/{id}/market, such as \"v1\".",
                    context.Request.Headers.IfMatch.ToString());
            }

            expected = version;
        }

        var (_, rejected) = await gateway.SubmitAsync(context, new ConfigureMarket(securityId, request.Currency, tick, lot, expected));
        return rejected ?? await GetMarket(securityId, context, gateway);
    }

    private static async Task<IResult> GetMarket(string securityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var version = 0;
        var view = await gateway.Engine.ReadAsync(register =>
        {
            if (Readable(register, actor, securityId) is not var (security, book, format))
            {
                return null;
            }

            version = book.SettingsVersion;
            return new MarketView(securityId, book.Settings.Currency, format.Price(1), format.Quantity(book.Settings.LotSize),
                book.Bids.Best is { } bid ? format.Quote(bid) : null, book.Asks.Best is { } ask ? format.Quote(ask) : null,
                security.Status == SecurityStatus.Paused ? "halted" : "open");
        }, context.RequestAborted);
        if (view is null)
        {
            return NoMarket(securityId);
        }

        context.Response.Headers.ETag = ETags.OfVersion(version);
        return Results.Ok(view);
    }

    private static async Task<IResult> GetBook(string securityId, int? depth, HttpContext context, CommandGateway gateway)
    {
        var levels = depth ?? 10;
        if (levels is < 1 or > MaxDepth)
        {
            return ApiProblems.InvalidRequest($"depth must be between 1 and {MaxDepth}.", levels.ToString(CultureInfo.InvariantCulture));
        }

        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
            Readable(register, actor, securityId) is var (_, book, format)
                ? new DepthView(securityId, MarketFormat.Depth(book.Bids, format, levels), MarketFormat.Depth(book.Asks, format, levels))
                : null, context.RequestAborted);
        return view is null ? NoMarket(securityId) : Results.Ok(view);
    }

    private static async Task<IResult> GetTrades(string securityId, int? limit, string? after, HttpContext context, CommandGateway gateway)
    {
        long? before = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var afterId))
            {
                return ApiProblems.InvalidRequest("after must be a trade id from the previous page, such as the next link's after=41.", after);
            }

            before = afterId;
        }

        // Newest first, so the page after trade N contains the trades with lower ids.
        var count = Paging.Limit(limit);
        var actor = CommandGateway.ActorOf(context);
        var trades = await gateway.Engine.ReadAsync(register =>
            Readable(register, actor, securityId) is var (_, book, format)
                ? book.RecentTrades.Reverse().Where(trade => before is null || trade.Id < before).Take(count + 1).Select(format.Trade).ToList()
                : null, context.RequestAborted);
        return trades is null
            ? NoMarket(securityId)
            : Results.Ok(Paging.Page(context, trades, count, trade => trade.Id.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<IResult> Place(string securityId, OrderRequest request, HttpContext context, CommandGateway gateway)
    {
        var (quantity, problem) = await gateway.ParseAmountAsync(securityId, request.Quantity, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        Amount? price = null;
        if (request.Price is { } text)
        {
            var settings = await gateway.Engine.ReadAsync(r => r.State.Market.Books.GetValueOrDefault(securityId)?.Settings, context.RequestAborted);
            if (settings is not null)
            {
                var (parsed, failure) = new MarketFormat(settings, 0).ParsePrice(text);
                if (failure is not null)
                {
                    return ApiProblems.Rejected([failure]);
                }

                price = parsed;
            }
        }

        var command = new PlaceOrder(securityId, request.AccountId, request.Side, request.Type, request.TimeInForce, quantity, price);
        var (outcome, rejected) = await gateway.SubmitAsync(context, command);
        if (rejected is not null)
        {
            return rejected;
        }

        var receipt = await gateway.Engine.ReadAsync(register => ReceiptOf(register, securityId, outcome!), context.RequestAborted);
        return Results.Created($"/v1/orders/{receipt.OrderId}", receipt);
    }

    /// <summary>Describes what the order's events did; only the order's own cancellation reason is shown, never another owner's.</summary>
    private static OrderReceipt ReceiptOf(RegisterMachine register, string securityId, CommandOutcome outcome)
    {
        // NOTE: the settings are read after the order, so a settings change in between (possible only
        // once the book is empty again) would format this receipt with the new tick size.
        var format = FormatOf(register, securityId);
        var events = outcome.Result.Events;
        var accepted = (OrderAccepted)events[0];
        var trades = new List<TradeView>();
        var filled = Amount.Zero;
        string? cancelReason = null;
        foreach (var registerEvent in events)
        {
            if (registerEvent is TradeExecuted trade)
            {
                // Every trade of one command has the command's timestamp, which the book's record of the trade keeps.
                var at = register.State.Market.Books[securityId].RecentTrades.FirstOrDefault(t => t.Id == trade.TradeId)?.At
                    ?? register.State.LastTimestamp;
                var quantity = new Amount(trade.Quantity);
                filled = filled.Plus(quantity);
                var aggressor = accepted.Side;
                trades.Add(new TradeView(trade.TradeId, trade.BuyOrderId, trade.SellOrderId, format.Price(trade.PriceTicks),
                    format.Quantity(quantity), new Amount(trade.Cash).Format(format.MinorUnits), aggressor, at));
            }
            else if (registerEvent is OrderCancelled cancelled && cancelled.OrderId == accepted.OrderId)
            {
                cancelReason = cancelled.Reason;
            }
        }

        var remaining = new Amount(accepted.Quantity).Minus(filled);
        var status = "resting";
        if (remaining.IsZero)
        {
            status = "filled";
        }
        else if (cancelReason is not null)
        {
            status = "cancelled";
        }

        return new OrderReceipt(accepted.OrderId, status, format.Quantity(filled), format.Quantity(remaining), trades, cancelReason,
            outcome.FirstSequence, outcome.BlockHeight);
    }

    private static async Task<IResult> GetOrder(string orderId, HttpContext context, CommandGateway gateway)
    {
        if (OrderIdInput.Parse(orderId) is not { } id)
        {
            return OrderIdInput.NotFound(orderId);
        }

        var actor = CommandGateway.ActorOf(context);
        var view = await gateway.Engine.ReadAsync(register =>
        {
            var state = register.State;
            if (!state.Market.Orders.TryGetValue(id, out var order))
            {
                return null;
            }

            var visible = actor.Role == ActorRole.Investor
                ? actor.ScopeId == order.IdentityId
                : ReadScope.CanReadRegister(actor, state.Securities[order.SecurityId].Definition.IssuerId);
            var format = FormatOf(register, order.SecurityId);
            return visible
                ? new OrderView(order.Id, order.SecurityId, order.AccountId, order.Side, order.Type, order.TimeInForce,
                    order.Type == OrderType.Limit ? format.Price(order.PriceTicks) : null, format.Quantity(order.Quantity),
                    format.Quantity(order.Remaining), order.AcceptedAt)
                : null;
        }, context.RequestAborted);
        return view is null ? OrderIdInput.NotFound(orderId) : Results.Ok(view);
    }

    internal static MarketFormat FormatOf(RegisterMachine register, string securityId) =>
        new(register.State.Market.Books[securityId].Settings, register.State.Securities[securityId].Definition.Decimals);

    /// <summary>Returns the security, its book and formatter when the book exists and the actor may read the security.</summary>
    internal static (SecurityState Security, Book Book, MarketFormat Format)? Readable(RegisterMachine register, Actor actor, string securityId)
    {
        var state = register.State;
        if (!state.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId)
            || !state.Market.Books.TryGetValue(securityId, out var book))
        {
            return null;
        }

        return (security, book, new MarketFormat(book.Settings, security.Definition.Decimals));
    }

    internal static IResult NoMarket(string securityId) =>
        ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "market", "security with market settings", securityId,
            $"Check the security id '{securityId}'; its market opens once an agent sets the tick and lot sizes.") { Subject = securityId }]);
}

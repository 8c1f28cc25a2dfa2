using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registra.Amounts;
using Registra.Api.Features.Ledger;
using Registra.Api.Hosting;
using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Api.Features.Market;

/// <summary>
/// <c>GET /v1/securities/{id}/market-data?from=N</c>: the security's trades and book changes as
/// server-sent events, read from the journal the way the ledger event stream is. Each trade is a
/// <c>trade</c> event. After each read of new blocks that changed the book, one <c>book</c> event
/// holds the top <see cref="BookLevels"/> levels per side as the book is then, so a client that
/// catches up gets the trades one by one and the current book once. Every connection, resumed or
/// not, gets a <c>book</c> event after its first read. Book events carry no id, so a client's
/// Last-Event-ID stays the sequence of the last trade it received.
/// </summary>
internal static class MarketDataStream
{
    public const int BookLevels = 10;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(string securityId, HttpContext context, LedgerEngine engine, IOptions<JsonOptions> json, long? from)
    {
        var actor = CommandGateway.ActorOf(context);
        var token = context.RequestAborted;
        if (await engine.ReadAsync(register => OrderEndpoints.Readable(register, actor, securityId) is not null, token) is false)
        {
            await OrderEndpoints.NoMarket(securityId).ExecuteAsync(context);
            return;
        }

        var (next, problem) = EventStream.StartSequence(context, from);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var lastWrite = DateTime.UtcNow;
        var firstRead = true;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var (written, nextSequence) = await WriteFromAsync(context, engine, securityId, next, firstRead, json.Value.SerializerOptions, token);
                next = nextSequence;
                firstRead = false;
                if (written > 0)
                {
                    lastWrite = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - lastWrite > KeepAliveInterval)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", token);
                    await context.Response.Body.FlushAsync(token);
                    lastWrite = DateTime.UtcNow;
                }

                await Task.Delay(PollInterval, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away; nothing to clean up.
        }
    }

    /// <param name="sendBook">Sends a book event even when no block read changed the book.</param>
    private static async Task<(int Written, long Next)> WriteFromAsync(HttpContext context, LedgerEngine engine, string securityId, long next,
        bool sendBook, JsonSerializerOptions options, CancellationToken token)
    {
        var first = engine.Store.ReadBlockContaining(next);
        if (first is null && !sendBook)
        {
            return (0, next);
        }

        var written = 0;
        var format = await engine.ReadAsync(register => OrderEndpoints.FormatOf(register, securityId), token);
        var bookChanged = sendBook;
        IEnumerable<SealedBlock> blocks = first is null ? [] : engine.Store.ReadBlocks(first.Header.Height);
        foreach (var block in blocks)
        {
            foreach (var bytes in EventBlob.Decode(block.Events, block.Header.EventCount))
            {
                var ledgerEvent = EventCodec.Decode(bytes.Span);
                if (ledgerEvent.Sequence < next)
                {
                    continue;
                }

                next = ledgerEvent.Sequence + 1;
                switch (ledgerEvent.Payload)
                {
                    case TradeExecuted trade when trade.SecurityId == securityId:
                        var aggressor = trade.BuyOrderId > trade.SellOrderId ? Registra.Market.OrderBook.OrderSide.Buy : Registra.Market.OrderBook.OrderSide.Sell;
                        var view = new TradeView(trade.TradeId, trade.BuyOrderId, trade.SellOrderId, format.Price(trade.PriceTicks),
                            format.Quantity(new Amount(trade.Quantity)), new Amount(trade.Cash).Format(format.MinorUnits), aggressor, ledgerEvent.Timestamp);
                        await WriteEventAsync(context, ledgerEvent.Sequence, "trade", JsonSerializer.Serialize(view, options), token);
                        written++;
                        bookChanged = true;
                        break;
                    case OrderAccepted accepted when accepted.SecurityId == securityId:
                        bookChanged = true;
                        break;
                    case OrderCancelled cancelled when cancelled.SecurityId == securityId:
                        bookChanged = true;
                        break;
                }
            }

            await context.Response.Body.FlushAsync(token);
        }

        if (bookChanged)
        {
            var depth = await engine.ReadAsync(register => OrderEndpoints.Readable(register, Access.Actor.Operator, securityId) is var (_, book, current)
                ? new DepthView(securityId, MarketFormat.Depth(book.Bids, current, BookLevels), MarketFormat.Depth(book.Asks, current, BookLevels))
                : null, token);
            await WriteEventAsync(context, null, "book", JsonSerializer.Serialize(depth, options), token);
            await context.Response.Body.FlushAsync(token);
            written++;
        }

        return (written, next);
    }

    /// <param name="id">The ledger sequence of a trade, or null for a book event, which then leaves the client's Last-Event-ID as it was.</param>
    private static Task WriteEventAsync(HttpContext context, long? id, string name, string data, CancellationToken token) =>
        context.Response.WriteAsync(id is null ? $"event: {name}\ndata: {data}\n\n" : $"id: {id}\nevent: {name}\ndata: {data}\n\n", token);
}

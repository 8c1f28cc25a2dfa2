using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registra.Api.Hosting;
using Registra.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Api.Features.Ledger;

/// <summary>
/// <c>GET /v1/events?from=N</c>: ledger events as server-sent events, each with its sequence
/// number as the event id, so a client resumes with <c>Last-Event-ID</c> after a disconnect.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, LedgerEngine engine, CommandGateway gateway, IOptions<JsonOptions> json, long? from)
    {
        var scope = LedgerScope.Of(CommandGateway.ActorOf(context));
        if (scope.Kind == LedgerScopeKind.None)
        {
            await LedgerEndpoints.Denied(scope).ExecuteAsync(context);
            return;
        }

        var (next, problem) = StartSequence(context, from);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var token = context.RequestAborted;
        var lastWrite = DateTime.UtcNow;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var (written, nextSequence) = await WriteFromAsync(context, engine.Store, gateway, scope, next, json.Value.SerializerOptions, token);
                next = nextSequence;
                if (written == 0 && DateTime.UtcNow - lastWrite > KeepAliveInterval)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", token);
                    await context.Response.Body.FlushAsync(token);
                    lastWrite = DateTime.UtcNow;
                }
                else if (written > 0)
                {
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

    /// <summary>
    /// Resumes after Last-Event-ID when the client sends it; otherwise starts at <c>from</c> (default 1).
    /// A header that is not a sequence number, or a <c>from</c> below 1, is rejected rather than
    /// read as the start, so a client never replays the journal by mistake.
    /// </summary>
    internal static (long Next, IResult? Problem) StartSequence(HttpContext context, long? from)
    {
        var header = context.Request.Headers["Last-Event-ID"].ToString();
        if (header.Length > 0)
        {
            return long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last < long.MaxValue
                ? (last + 1, null)
                : (0, ApiProblems.InvalidRequest(
                    $"Last-Event-ID must be the sequence number of the last event received (0 or more), not '{header}'. Send the id of the last event, or omit the header and use from.", header));
        }

        if (from is < 1)
        {
            return (0, ApiProblems.InvalidRequest($"from must be a sequence number of 1 or more, not {from}. Events are numbered from 1.", from.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return (from ?? 1, null);
    }

    /// <summary>
    /// Writes every durable event from <paramref name="next"/> on that the caller's scope allows;
    /// returns how many were written and the sequence to continue from.
    /// </summary>
    private static async Task<(long Written, long Next)> WriteFromAsync(HttpContext context, IJournalStore store, CommandGateway gateway,
        LedgerScope scope, long next, JsonSerializerOptions options, CancellationToken token)
    {
        var first = store.ReadBlockContaining(next);
        if (first is null)
        {
            return (0, next);
        }

        long written = 0;
        foreach (var block in store.ReadBlocks(first.Header.Height))
        {
            foreach (var bytes in EventBlob.Decode(block.Events, block.Header.EventCount))
            {
                var ledgerEvent = EventCodec.Decode(bytes.Span);
                if (ledgerEvent.Sequence < next)
                {
                    continue;
                }

                next = ledgerEvent.Sequence + 1;
                if (!await scope.AllowsAsync(ledgerEvent.Payload, gateway, token))
                {
                    continue;
                }

                var payload = await WithDecimalAmountsAsync(ledgerEvent.Payload, gateway, options, token);
                var data = JsonSerializer.Serialize(new { sequence = ledgerEvent.Sequence, timestamp = ledgerEvent.Timestamp, @event = payload }, options);
                await context.Response.WriteAsync($"id: {ledgerEvent.Sequence}\nevent: {ledgerEvent.Payload.GetType().Name}\ndata: {data}\n\n", token);
                written++;
            }

            await context.Response.Body.FlushAsync(token);
        }

        return (written, next);
    }

    /// <summary>
    /// Renders the event's smallest-unit integers as decimal strings in the security's units, as every
    /// other API response does: "units" becomes "amount", and "supplyCap" and an order's or trade's
    /// "quantity" become decimal strings.
    /// </summary>
    private static async Task<JsonNode?> WithDecimalAmountsAsync(RegisterEvent payload, CommandGateway gateway, JsonSerializerOptions options, CancellationToken token)
    {
        var node = JsonSerializer.SerializeToNode(payload, options);
        if (node is not JsonObject fields || fields["securityId"]?.GetValue<string>() is not { } securityId)
        {
            return node;
        }

        var decimals = payload is SecurityCreated created ? created.Decimals : await gateway.DecimalsAsync(securityId, token);
        if (decimals is null)
        {
            return node;
        }

        Rewrite(fields, "units", "amount", decimals.Value);
        Rewrite(fields, "supplyCap", "supplyCap", decimals.Value);
        Rewrite(fields, "quantity", "quantity", decimals.Value);
        return node;
    }

    private static void Rewrite(JsonObject fields, string from, string to, int decimals)
    {
        if (fields[from] is not JsonValue value)
        {
            return;
        }

        var units = Int128.Parse(value.ToJsonString().Trim('"'), CultureInfo.InvariantCulture);
        fields.Remove(from);
        fields[to] = new Amounts.Amount(units).Format(decimals);
    }
}

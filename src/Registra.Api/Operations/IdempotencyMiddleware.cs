using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Registra.Api.Auth;
using Registra.Api.Problems;
using Registra.Ledger.Engine;
using Registra.Ledger.Requests;
using Registra.Reasons;

namespace Registra.Api.Operations;

/// <summary>
/// Honours the Idempotency-Key header on POST requests under /v1: the first request with a key runs
/// and its response is kept; a retry with the same key and the same method, path and body gets that
/// response again with <c>Idempotent-Replayed: true</c>; the same key with another request is 422.
/// Keys are scoped to the caller, so two API keys never see each other's responses.
/// </summary>
/// <remarks>
/// Recent keys live in <see cref="IdempotencyStore"/>, which also makes concurrent duplicates wait
/// for the first request. Every key is also recorded in the journal store: with the block when the
/// request changed the register, and with its response soon after. A key that memory has forgotten,
/// after a restart or on another node, is looked up there.
/// </remarks>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, LedgerEngine engine, TimeProvider clock,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>Responses larger than this are sent but not kept, so a retry runs the request again.</summary>
    public const int MaxStoredBodyBytes = 1024 * 1024;

    private static readonly string[] KeptHeaders = ["Content-Type", "Location", "ETag"];

    // Marks a response that contains a secret, such as a new API key, so it never reaches the journal store.
    private static readonly object MemoryOnlyItem = new();

    /// <summary>Keeps the current response out of the journal store: a retry after a restart runs the request again.</summary>
    public static void KeepResponseInMemoryOnly(HttpContext context) => context.Items[MemoryOnlyItem] = true;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/v1")
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || ActorClaims.From(context.User) is not { } actor)
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            await ApiProblems.InvalidRequest(
                $"The {HeaderName} header must appear once with 1 to {MaxKeyLength} printable ASCII characters; send a UUID or another unique string.",
                values.ToString()).ExecuteAsync(context);
            return;
        }

        var key = values[0]!;
        var fingerprint = await FingerprintAsync(context.Request);
        var scopedKey = actor.Id + "\n" + key;
        var tag = new RequestTag(SHA256.HashData(Encoding.UTF8.GetBytes(scopedKey)), fingerprint);
        while (true)
        {
            var (entry, created) = store.GetOrBegin(scopedKey, fingerprint);
            if (!CryptographicOperations.FixedTimeEquals(entry.Fingerprint, fingerprint))
            {
                OperationsLog.IdempotencyKeyReused(logger, actor.Id, key);
                await KeyReused(key).ExecuteAsync(context);
                return;
            }

            if (created)
            {
                await RunOrRecallAsync(context, key, scopedKey, entry, tag, actor.Id);
                return;
            }

            // A request with this key is running or has finished; wait for its response.
            var stored = await entry.Completion.Task.WaitAsync(context.RequestAborted);
            if (stored is not null)
            {
                OperationsLog.IdempotentReplay(logger, actor.Id, key, stored.StatusCode);
                await ReplayAsync(context, stored);
                return;
            }
        }
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: >= 1 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>SHA-256 over the method, path with query and body bytes; the body stays readable for the endpoint.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));

        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    /// <summary>Replays what the journal store recorded for the key, or runs the request when it recorded nothing.</summary>
    private async Task RunOrRecallAsync(HttpContext context, string key, string scopedKey, IdempotencyEntry entry, RequestTag tag, string actorId)
    {
        StoredRequest? recorded;
        try
        {
            recorded = engine.FindRequest(tag.KeyHash);
        }
        catch
        {
            store.Complete(scopedKey, entry, null);
            throw;
        }

        if (recorded is null)
        {
            await RunAndStoreAsync(context, scopedKey, entry, tag);
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(recorded.Fingerprint, tag.Fingerprint))
        {
            store.Complete(scopedKey, entry, null);
            OperationsLog.IdempotencyKeyReused(logger, actorId, key);
            await KeyReused(key).ExecuteAsync(context);
            return;
        }

        var stored = recorded.StatusCode is { } status
            ? new StoredResponse(status, recorded.Headers, recorded.Body ?? [])
            : await AppliedWithoutResponseAsync(context, key, recorded.FirstSequence ?? 0, tag);
        store.Complete(scopedKey, entry, stored);
        OperationsLog.IdempotentReplay(logger, actorId, key, stored.StatusCode);
        await ReplayAsync(context, stored);
    }

    /// <summary>
    /// Builds the response for a request whose command reached the journal while its response was
    /// lost with the process that ran it: a 409 problem naming the first sequence, stored for later retries.
    /// </summary>
    private async Task<StoredResponse> AppliedWithoutResponseAsync(HttpContext context, string key, long firstSequence, RequestTag tag)
    {
        var sequence = firstSequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = ApiProblems.Rejected([new Failure(Reasons.Reasons.RequestAlreadyApplied, "idempotency", null, sequence,
            $"The request with {HeaderName} '{key}' was applied from ledger sequence {sequence}, but the server stopped before its response was stored. Read the resource to see the result; do not send the request again with a new key.") { Subject = key }]);

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await problem.ExecuteAsync(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var stored = Capture(context.Response, buffer)!;
        engine.RecordResponse(new RequestResponse(tag, stored.StatusCode, stored.Headers, stored.Body, clock.GetUtcNow()));
        return stored;
    }

    private async Task RunAndStoreAsync(HttpContext context, string scopedKey, IdempotencyEntry entry, RequestTag tag)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        context.Features.Set(tag);
        StoredResponse? stored = null;
        try
        {
            await next(context);
            stored = Capture(context.Response, buffer);
        }
        finally
        {
            context.Response.Body = original;
            store.Complete(scopedKey, entry, stored);
        }

        if (stored is not null && !context.Items.ContainsKey(MemoryOnlyItem))
        {
            engine.RecordResponse(new RequestResponse(tag, stored.StatusCode, stored.Headers, stored.Body, clock.GetUtcNow()));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // Server errors and redirects to the writer node are not kept: the client retries with the same key, and the retry runs.
    private static StoredResponse? Capture(HttpResponse response, MemoryStream body)
    {
        if (response.StatusCode >= 500 || response.StatusCode == StatusCodes.Status307TemporaryRedirect || body.Length > MaxStoredBodyBytes)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in KeptHeaders)
        {
            if (response.Headers.TryGetValue(name, out var value))
            {
                headers.Add(KeyValuePair.Create(name, value.ToString()));
            }
        }

        return new StoredResponse(response.StatusCode, headers, body.ToArray());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        foreach (var (name, value) in stored.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers[ReplayedHeaderName] = "true";
        context.Response.ContentLength = stored.Body.Length;
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static IResult KeyReused(string key) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.IdempotencyKeyReused, "idempotency", null, key,
            $"The {HeaderName} '{key}' was first used with another method, path or body; send a new key for a new request.") { Subject = key }]);
}

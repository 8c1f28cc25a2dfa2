using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Registra.Api.Auth;
using Registra.Api.Problems;
using Registra.Reasons;

namespace Registra.Api.Operations;

/// <summary>
/// Honours the Idempotency-Key header on POST requests under /v1: the first request with a key runs
/// and its response is kept; a retry with the same key and the same method, path and body gets that
/// response again with <c>Idempotent-Replayed: true</c>; the same key with another request is 422.
/// Keys are scoped to the caller, so two API keys never see each other's responses.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>Responses larger than this are sent but not kept, so a retry runs the request again.</summary>
    public const int MaxStoredBodyBytes = 1024 * 1024;

    private static readonly string[] KeptHeaders = ["Content-Type", "Location", "ETag"];

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
                await RunAndStoreAsync(context, scopedKey, entry);
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

    private async Task RunAndStoreAsync(HttpContext context, string scopedKey, IdempotencyEntry entry)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
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

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // Server errors are not kept: the response asks the client to retry with the same key, and the retry runs again.
    private static StoredResponse? Capture(HttpResponse response, MemoryStream body)
    {
        if (response.StatusCode >= 500 || body.Length > MaxStoredBodyBytes)
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

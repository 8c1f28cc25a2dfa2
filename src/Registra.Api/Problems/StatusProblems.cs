using Microsoft.AspNetCore.Http;
using Registra.Reasons;

namespace Registra.Api.Problems;

/// <summary>
/// Problems for the responses that the framework ends with a bare status and no body. These are a
/// missing or rejected key (401), a role check outside the handlers (403), an unknown path (404), a
/// method the path does not take (405) and a body that is not JSON (415). Each gets a reason code and a hint.
/// </summary>
internal static class StatusProblems
{
    /// <summary>Returns the problem for the response's status, or null when the API has none for it.</summary>
    public static IResult? For(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => Unauthenticated(request),
            StatusCodes.Status403Forbidden => One(Reasons.Reasons.PermissionDenied, "role", null, null,
                "This API key's role may not call this path; use a key of a role that may."),
            StatusCodes.Status404NotFound => One(Reasons.Reasons.NotFound, "route", "endpoint", request.Path,
                $"No endpoint matches {request.Method} {request.Path}; the reference at /docs lists every path."),
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(context),
            StatusCodes.Status415UnsupportedMediaType => One(Reasons.Reasons.UnsupportedMediaType, "content_type", "application/json",
                request.ContentType, $"Send the body as JSON with 'Content-Type: application/json', not '{request.ContentType}'."),
            _ => null,
        };
    }

    private static IResult Unauthenticated(HttpRequest request)
    {
        // The presented key or token is never echoed: it may be a working secret with a typo.
        var presented = request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey("X-Api-Key");
        var hint = presented
            ? "The API key or token was not accepted: it is unknown, revoked, expired or malformed. Send a valid one as 'Authorization: Bearer rk_...' or 'X-Api-Key: rk_...'."
            : "Send an API key as 'Authorization: Bearer rk_...' or 'X-Api-Key: rk_...'; 'registra serve' writes the first operator key to DATA/operator.key.";
        return One(Reasons.Reasons.Unauthenticated, "authentication", "API key or bearer token", presented ? "rejected" : "missing", hint);
    }

    private static IResult MethodNotAllowed(HttpContext context)
    {
        var allowed = context.Response.Headers.Allow.ToString();
        var method = context.Request.Method;
        return One(Reasons.Reasons.MethodNotAllowed, "method", allowed, method,
            $"{method} is not allowed on {context.Request.Path}; use {(allowed.Length > 0 ? allowed : "another method")}.");
    }

    private static IResult One(ReasonCode code, string rule, string? limit, string? current, string hint) =>
        ApiProblems.Rejected([new Failure(code, rule, limit, current, hint) { Subject = current }]);
}

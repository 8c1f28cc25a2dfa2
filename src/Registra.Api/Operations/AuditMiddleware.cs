using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Registra.Api.Auth;

namespace Registra.Api.Operations;

/// <summary>Records every authenticated POST, PUT, PATCH and DELETE in the audit log once the response status is known.</summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog audit, TimeProvider clock, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            await next(context);
            return;
        }

        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (BadHttpRequestException error)
        {
            // The exception handler outside this middleware returns this status for an unreadable body, not 500.
            status = error.StatusCode;
            throw;
        }
        finally
        {
            if (ActorClaims.From(context.User) is { } actor)
            {
                var entry = new AuditEntry(
                    clock.GetUtcNow(),
                    actor.Id,
                    actor.Role.ToString(),
                    actor.ScopeId,
                    method,
                    (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)",
                    context.Request.Path,
                    context.Request.RouteValues.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString()),
                    status,
                    context.Request.Headers[IdempotencyMiddleware.HeaderName].FirstOrDefault(),
                    context.Response.Headers[IdempotencyMiddleware.ReplayedHeaderName] == "true",
                    Activity.Current?.TraceId.ToString(),
                    context.TraceIdentifier);
                if (!await audit.WriteAsync(entry))
                {
                    OperationsLog.AuditEntryDropped(logger, method, entry.Route, actor.Id);
                }
            }
        }
    }
}

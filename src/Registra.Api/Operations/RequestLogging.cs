using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Registra.Api.Operations;

/// <summary>
/// Logs one line per request with the method, route template, status, duration, request id and trace id.
/// It logs no headers, query strings or bodies, so API keys and bearer tokens never reach the log.
/// </summary>
internal sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The exception handler clears the endpoint before it writes the problem, and keeps the original in its feature.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched) " + context.Request.Path;
            OperationsLog.RequestCompleted(logger, context.Request.Method, route, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TraceIdentifier, Activity.Current?.TraceId.ToString());
        }
    }
}

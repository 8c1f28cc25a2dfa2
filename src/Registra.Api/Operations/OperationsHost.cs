using Registra.Ledger.Engine;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Exporter;
using Registra.Api.Hosting;

namespace Registra.Api.Operations;

/// <summary>
/// Wires the operations features into the API host: idempotency, rate limits, health checks,
/// Prometheus metrics, tracing, request and audit logs, HTTPS and engine shutdown.
/// </summary>
public static class OperationsHost
{
    /// <summary>Registers the services; call before the host is built.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder, ApiOptions options)
    {
        // EngineShutdown is registered before the web server's hosted service, so it stops after requests drain.
        builder.Services.AddHostedService<EngineShutdown>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditLog>());
        builder.Services.AddSingleton<IdempotencyStore>();

        // Checked here, so a wrong role name stops the start before the journal is opened.
        MetricsAccess.ParseRoles(options.MetricsRoles);
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine", tags: ["ready"]);
        RateLimits.AddRateLimits(builder.Services, options);
        Telemetry.AddTelemetry(builder, options);
        Https.AddHttps(builder, options);
        return builder;
    }

    /// <summary>Outermost middleware: HSTS and the request log. Call before the exception handler.</summary>
    public static WebApplication UseOperationsEdge(this WebApplication app)
    {
        if (Https.IsConfigured(app.Services.GetRequiredService<ApiOptions>()))
        {
            app.UseHsts();
        }

        app.UseMiddleware<RequestLogging>();
        return app;
    }

    /// <summary>Rate limits; call between authentication and authorization so each key gets its own bucket.</summary>
    public static WebApplication UseOperationsRateLimits(this WebApplication app)
    {
        RateLimits.UseRateLimits(app);
        return app;
    }

    /// <summary>Audit log and idempotency of writes; call after authorization, so both know the caller.</summary>
    public static WebApplication UseOperationsWrites(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    /// <summary>
    /// Maps /health/live and /health/ready, open to anonymous callers, and /metrics, open too unless
    /// <see cref="ApiOptions.MetricsRoles"/> names roles. None of them is rate-limited.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).AllowAnonymous().DisableRateLimiting();
        app.MapGet("/health/ready", ReadyAsync).AllowAnonymous().DisableRateLimiting();
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics").DisableRateLimiting();
        MetricsAccess.Apply(metrics, MetricsAccess.ParseRoles(app.Services.GetRequiredService<ApiOptions>().MetricsRoles));
        return app;
    }

    /// <summary>Runs the checks tagged "ready": 200 with the durable height while the engine accepts commands, 503 otherwise.</summary>
    private static async Task<IResult> ReadyAsync(HealthCheckService health, LedgerEngine engine, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var role = engine.Role == NodeRole.Writer ? "writer" : "follower";
        var (lagBlocks, lagAge) = engine.FollowerLag;
        return report.Status == HealthStatus.Healthy
            ? Results.Ok(new { status = "ready", height = engine.DurableHeight, role, lagBlocks, lagMilliseconds = (long)lagAge.TotalMilliseconds })
            : Results.Json(new { status = "unavailable", height = engine.DurableHeight, role, reason = report.Entries.Values.FirstOrDefault().Description },
                statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Registra.Api.Hosting;
using Registra.Ledger.Engine;

namespace Registra.Api.Operations;

/// <summary>
/// OpenTelemetry metrics and traces. Metrics (HTTP requests by route and status, the sequencer and
/// journal instruments) are served in Prometheus text format at /metrics. Traces
/// are recorded only when an exporter is chosen ("console" or "otlp"); without one, trace ids still
/// reach the logs and the audit log.
/// </summary>
internal static class Telemetry
{
    public static void AddTelemetry(WebApplicationBuilder builder, ApiOptions options)
    {
        var exporter = options.TraceExporter?.Trim().ToLowerInvariant();
        if (exporter is not (null or "" or "none" or "console" or "otlp"))
        {
            throw new ArgumentException($"Unknown trace exporter '{options.TraceExporter}'; use none, console or otlp.");
        }

        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(EngineMetrics.MeterName)

                // The runtime's own meter: garbage collections and their pauses, heap size, thread pool queue.
                .AddMeter("System.Runtime")
                .AddPrometheusExporter());

        // Without an exporter, recorded spans would go nowhere. ASP.NET Core still starts an
        // activity per request while logging is on, so trace ids reach the logs and the audit log.
        if (exporter is null or "" or "none")
        {
            return;
        }

        telemetry.WithTracing(tracing =>
        {
            tracing.AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = IsTraced);
            if (exporter == "console")
            {
                tracing.AddConsoleExporter();
            }
            else if (exporter == "otlp")
            {
                tracing.AddOtlpExporter(otlp =>
                {
                    if (options.OtlpEndpoint is { } endpoint)
                    {
                        otlp.Endpoint = new Uri(endpoint);
                    }
                });
            }
        });
    }

    // Scrapes and probes arrive every few seconds and would drown the request traces.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/metrics") && !context.Request.Path.StartsWithSegments("/health");
}

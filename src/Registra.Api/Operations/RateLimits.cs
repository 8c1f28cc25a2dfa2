using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Api.Problems;
using Registra.Reasons;

namespace Registra.Api.Operations;

/// <summary>
/// Token-bucket rate limits, one bucket per API key or token subject and one per client address for
/// anonymous requests, with the IETF draft <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and
/// <c>RateLimit-Reset</c> headers on every limited response and <c>Retry-After</c> on 429.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private readonly ApiOptions _options;

    public RateLimits(ApiOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimitPerSecond, 1, nameof(options.RateLimitPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimitBurst, 1, nameof(options.RateLimitBurst));
        _options = options;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RateLimitBurst,
                TokensPerPeriod = options.RateLimitPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The bucket of a request: the authenticated caller, or the client address when anonymous.</summary>
    public static string PartitionKey(HttpContext context) =>
        ActorClaims.From(context.User) is { } actor
            ? actor.Id
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static void AddRateLimits(IServiceCollection services, ApiOptions options)
    {
        var limits = new RateLimits(options);
        services.AddSingleton(limits);
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = limits.Limiter;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => limits.RejectAsync(rejected.HttpContext, rejected.Lease);
        });
    }

    /// <summary>Adds the rate-limit headers, then the limiter itself; runs after authentication so keys get their own bucket.</summary>
    public static void UseRateLimits(WebApplication app)
    {
        var limits = app.Services.GetRequiredService<RateLimits>();
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
            {
                context.Response.OnStarting(() =>
                {
                    limits.WriteHeaders(context);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        app.UseRateLimiter();
    }

    private void WriteHeaders(HttpContext context)
    {
        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
        var missing = Math.Max(0, _options.RateLimitBurst - remaining);
        var resetSeconds = (missing + _options.RateLimitPerSecond - 1) / _options.RateLimitPerSecond;
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = _options.RateLimitBurst.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private async ValueTask RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var delay)
            ? Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);

        var logger = context.RequestServices.GetRequiredService<ILogger<RateLimits>>();
        OperationsLog.RateLimited(logger, PartitionKey(context), context.Request.Method, context.Request.Path, retryAfter);

        var limit = $"{_options.RateLimitPerSecond}/s, burst {_options.RateLimitBurst}";
        var problem = ApiProblems.Rejected([new Failure(Reasons.Reasons.RateLimited, "rate_limit", limit, null,
            $"Too many requests: the limit is {_options.RateLimitPerSecond} per second with bursts of {_options.RateLimitBurst}; retry after {retryAfter} s.")]);
        await problem.ExecuteAsync(context);
    }

    public void Dispose() => Limiter.Dispose();
}

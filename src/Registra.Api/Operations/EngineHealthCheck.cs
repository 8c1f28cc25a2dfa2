using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registra.Ledger.Engine;

namespace Registra.Api.Operations;

/// <summary>Ready while the ledger engine accepts commands, that is until a journal write or the state machine fails.</summary>
internal sealed class EngineHealthCheck(LedgerEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["height"] = engine.DurableHeight };
        return Task.FromResult(engine.IsFaulted
            ? HealthCheckResult.Unhealthy("The ledger engine stopped after a failed write; restart the server.", data: data)
            : HealthCheckResult.Healthy("The ledger engine accepts commands.", data));
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Api.Hosting;
using Registra.Api.Operations;
using Registra.Commands;
using Registra.Ledger.Engine;

namespace Registra.Api.Features.Market;

/// <summary>
/// Releases holds whose expiry has passed, every <see cref="ApiOptions.HoldExpiryInterval"/>, while
/// this node is the writer. The register reads no clock, so an expired hold would otherwise keep
/// its units held until someone released it. A sweep that finds nothing writes no block.
/// </summary>
public sealed class HoldExpirySweep(LedgerEngine engine, ApiOptions options, ILogger<HoldExpirySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HoldExpiryInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (engine.Role != NodeRole.Writer || engine.IsFaulted)
                {
                    continue;
                }

                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Each command releases at most a block's worth; a backlog is drained over several.
            CommandOutcome outcome;
            do
            {
                outcome = await engine.SubmitAsync(new ReleaseExpiredHolds(), stoppingToken);
                var released = outcome.Result.Events.Count;
                if (released > 0)
                {
                    OperationsLog.ExpiredHoldsReleased(logger, released, outcome.FirstSequence);
                }
            }
            while (outcome.Result.Events.Count == ReleaseExpiredHolds.DefaultLimit && !stoppingToken.IsCancellationRequested);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A failed sweep must not stop the server: the next tick tries again.
            OperationsLog.HoldExpiryFailed(logger, error, options.HoldExpiryInterval.TotalSeconds);
        }
    }
}

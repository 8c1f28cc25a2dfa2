using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Ledger.Engine;

namespace Registra.Api.Operations;

/// <summary>
/// Closes the ledger engine when the host stops. The web server stops first and waits for requests
/// in flight, then this settles every queued command and writes the last block.
/// </summary>
internal sealed class EngineShutdown(LedgerEngine engine, ILogger<EngineShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        OperationsLog.EngineClosing(logger, engine.DurableHeight);

        // Dispose joins the sequencer and journal threads, so keep it off the caller's thread.
        await Task.Run(engine.Dispose, CancellationToken.None);
        OperationsLog.EngineClosed(logger, engine.DurableHeight);
    }
}

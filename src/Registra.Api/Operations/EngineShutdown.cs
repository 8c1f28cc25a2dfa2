using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Ledger.Engine;
using Registra.Ledger.Nodes;

namespace Registra.Api.Operations;

/// <summary>
/// Closes the ledger engine when the host stops. The web server stops first and waits for requests
/// in flight, then this settles every queued command, writes the last block and releases the
/// writer lease.
/// </summary>
/// <remarks>
/// The host can be stopped twice at once, for example by the entry point and by
/// WebApplicationFactory in tests. Every caller awaits the same close, so none returns while the
/// engine still writes or the lease is still held.
/// </remarks>
internal sealed class EngineShutdown(LedgerEngine engine, IWriterLease lease, ILogger<EngineShutdown> logger) : IHostedService
{
    private readonly Lock _lock = new();
    private Task? _closing;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _closing ??= CloseAsync();
        }
    }

    private async Task CloseAsync()
    {
        OperationsLog.EngineClosing(logger, engine.DurableHeight);

        // Dispose joins the sequencer and journal threads, so keep it off the caller's thread.
        // The lease is released only after the last block is written.
        await Task.Run(() =>
        {
            engine.Dispose();
            lease.Dispose();
        }, CancellationToken.None);
        OperationsLog.EngineClosed(logger, engine.DurableHeight);
    }
}

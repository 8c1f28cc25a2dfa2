using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Api.Operations;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Nodes;

namespace Registra.Api.Hosting;

/// <summary>
/// Keeps this node's role in step with the writer lease. The writer advertises its address in the
/// journal store, so followers can redirect writes to it. A follower tries the lease every
/// <see cref="ApiOptions.LeaseRetryInterval"/> and, once it holds it, catches up and becomes the writer.
/// </summary>
public sealed class WriterNode(
    LedgerEngine engine,
    IWriterLease lease,
    ApiOptions options,
    ILogger<WriterNode> logger) : BackgroundService, IDisposable
{
    public const string WriterUrlMetadata = "writer_url";

    // A separate connection, because the engine's write connection belongs to its journal thread.
    private readonly IJournalStore _metadata = KeyStore.Open(options.Journal ?? JournalLocation.InDataFolder(options.DataDirectory));
    private readonly Lock _metadataLock = new();
    private (string? Url, long ReadAt) _writerUrl;

    /// <summary>Address of the node that holds the writer lease, cached for a second after each store read; null when unknown.</summary>
    public string? WriterUrl
    {
        get
        {
            var cached = _writerUrl;
            if (cached.ReadAt != 0 && Stopwatch.GetElapsedTime(cached.ReadAt) < TimeSpan.FromSeconds(1))
            {
                return cached.Url;
            }

            string? url;
            lock (_metadataLock)
            {
                url = _metadata.GetMetadata(WriterUrlMetadata);
            }

            _writerUrl = (url, Stopwatch.GetTimestamp());
            return url;
        }
    }

    /// <summary>The address other nodes send writes to: the advertised URL, or the first listening address.</summary>
    public string OwnUrl => options.AdvertiseUrl ?? options.Urls?.Split(';', StringSplitOptions.RemoveEmptyEntries)[0] ?? "http://127.0.0.1:8080";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (engine.Role == NodeRole.Writer)
        {
            Advertise();
            OperationsLog.StartedAsWriter(logger, engine.DurableHeight, OwnUrl);
            return;
        }

        OperationsLog.StartedAsFollower(logger, engine.DurableHeight);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.LeaseRetryInterval, stoppingToken);
            if (!lease.TryAcquire())
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await engine.PromoteAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                // Holding the lease without writing would stop every node, so give it back.
                OperationsLog.PromotionFailed(logger, exception);
                lease.Dispose();
                continue;
            }

            Advertise();
            OperationsLog.Promoted(logger, engine.DurableHeight, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, OwnUrl);
            return;
        }
    }

    private void Advertise()
    {
        lock (_metadataLock)
        {
            _metadata.SetMetadata(WriterUrlMetadata, OwnUrl);
        }

        _writerUrl = (OwnUrl, Stopwatch.GetTimestamp());
    }

    public override void Dispose()
    {
        base.Dispose();
        _metadata.Dispose();
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Api.Hosting;

namespace Registra.Api.Operations;

/// <summary>
/// Appends one JSON line per authenticated write to <c>audit.log</c> in the data folder, rotated by
/// size (<see cref="AuditLogFile"/>). Requests hand entries to a bounded channel. A writer thread
/// wakes when an entry arrives, lets the entries of the next <see cref="GatherDelay"/> join it,
/// writes them all, hands them to the operating system, and syncs the file to disk at most
/// <see cref="SyncInterval"/> after an entry was written. Stopping the host writes and syncs every
/// entry already queued.
/// </summary>
/// <remarks>
/// Syncing often keeps the lines from piling up in the page cache. Left there, the kernel writes
/// them back tens of megabytes at a time. While the disk is busy with that, the journal's own
/// commit waits: on a 2-core test VM every request stalled for 100 to 370 ms at those moments.
/// Gathering entries matters on a busy server: woken for every entry, this thread cost about 800
/// wake-ups and a tenth of a core at 15,000 writes per second, and each wake-up preempted a request.
/// </remarks>
internal sealed class AuditLog : IHostedService
{
    public const string FileName = "audit.log";

    /// <summary>Entries queued before requests wait for the writer.</summary>
    public const int Capacity = 10_000;

    /// <summary>The longest a written entry waits before the file is synced to disk.</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the writer lets entries gather after the first one arrives, which bounds its wake-ups to a few hundred a second.</summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ApiOptions _options;
    private readonly ILogger<AuditLog> _logger;
    private Task _writer = Task.CompletedTask;
    private long _written;

    public AuditLog(ApiOptions options, ILogger<AuditLog> logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.AuditLogMaxBytes, nameof(options.AuditLogMaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(options.AuditLogFiles, nameof(options.AuditLogFiles));
        _options = options;
        _logger = logger;
        Path = System.IO.Path.Combine(options.DataDirectory, FileName);
    }

    public string Path { get; }

    /// <summary>Queues an entry, waiting while the queue is full; false when the log is stopped.</summary>
    public async ValueTask<bool> WriteAsync(AuditEntry entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            return true;
        }

        try
        {
            await _queue.Writer.WriteAsync(entry);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        OperationsLog.AuditStarted(_logger, Path);
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken);
        OperationsLog.AuditStopped(_logger, _written);
    }

    // Runs on its own thread, because syncing blocks for as long as the disk takes.
    private void WriteLoop()
    {
        using var file = new AuditLogFile(Path, _options.AuditLogMaxBytes, _options.AuditLogFiles, _logger);
        var line = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(line);
        var pending = 0;
        var firstUnsynced = 0L;
        while (true)
        {
            if (!_queue.Reader.TryPeek(out _))
            {
                var syncIn = firstUnsynced == 0 ? Timeout.InfiniteTimeSpan : SyncInterval - Stopwatch.GetElapsedTime(firstUnsynced);
                if (firstUnsynced != 0 && syncIn <= TimeSpan.Zero)
                {
                    Sync(file, ref pending);
                    firstUnsynced = 0;
                    continue;
                }

                if (!WaitForEntry(syncIn))
                {
                    break;
                }

                if (!_queue.Reader.TryPeek(out _))
                {
                    continue;
                }

                Thread.Sleep(GatherDelay);
            }

            try
            {
                while (_queue.Reader.TryRead(out var entry))
                {
                    line.ResetWrittenCount();
                    json.Reset(line);
                    JsonSerializer.Serialize(json, entry, Json);
                    json.Flush();
                    line.Write("\n"u8);
                    file.Write(line.WrittenSpan);
                    pending++;
                    firstUnsynced = firstUnsynced == 0 ? Stopwatch.GetTimestamp() : firstUnsynced;
                }

                file.Flush(toDisk: false);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // NOTE: entries that fail to reach the disk (for example when it is full) are logged as lost, not retried.
                OperationsLog.AuditWriteFailed(_logger, error, pending + 1, Path);
                pending = 0;
            }
        }

        Sync(file, ref pending);
    }

    /// <summary>Waits until an entry can be read or the time is up; false once the channel is completed and empty.</summary>
    private bool WaitForEntry(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            return _queue.Reader.WaitToReadAsync(timer.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private void Sync(AuditLogFile file, ref int pending)
    {
        try
        {
            file.Flush(toDisk: true);
            _written += pending;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            OperationsLog.AuditWriteFailed(_logger, error, pending, Path);
        }

        pending = 0;
    }
}

/// <summary>
/// One audited write: who, what (method, route template and the ids in the route), the result and
/// how to find the request elsewhere. It never contains the request or response body.
/// </summary>
internal sealed record AuditEntry(
    DateTimeOffset Time,
    string ActorId,
    string Role,
    string? Scope,
    string Method,
    string Route,
    string Path,
    IReadOnlyDictionary<string, string?> ResourceIds,
    int Status,
    string? IdempotencyKey,
    bool Replayed,
    string? TraceId,
    string RequestId);

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Api.Hosting;

namespace Registra.Api.Operations;

/// <summary>
/// Appends one JSON line per authenticated write to <c>audit.log</c> in the data folder, rotated by
/// size (<see cref="AuditLogFile"/>). Requests hand entries to a bounded channel, and a background
/// task writes them and flushes whenever the channel is empty. Stopping the host writes every entry
/// already queued.
/// </summary>
internal sealed class AuditLog : IHostedService
{
    public const string FileName = "audit.log";

    /// <summary>Entries queued before requests wait for the writer.</summary>
    public const int Capacity = 10_000;

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
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken);
        OperationsLog.AuditStopped(_logger, _written);
    }

    private async Task WriteLoopAsync()
    {
        await using var file = new AuditLogFile(Path, _options.AuditLogMaxBytes, _options.AuditLogFiles, _logger);
        var line = new ArrayBufferWriter<byte>(1024);
        await using var json = new Utf8JsonWriter(line);
        var pending = 0;
        await foreach (var entry in _queue.Reader.ReadAllAsync())
        {
            try
            {
                line.ResetWrittenCount();
                json.Reset(line);
                JsonSerializer.Serialize(json, entry, Json);
                await json.FlushAsync();
                line.Write("\n"u8);
                await file.WriteAsync(line.WrittenMemory);
                pending++;
                if (!_queue.Reader.TryPeek(out _))
                {
                    await file.FlushAsync();
                    _written += pending;
                    pending = 0;
                }
            }
            catch (IOException error)
            {
                // NOTE: entries that fail to reach the disk (for example when it is full) are logged as lost, not retried.
                OperationsLog.AuditWriteFailed(_logger, error, pending + 1, Path);
                pending = 0;
            }
        }
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

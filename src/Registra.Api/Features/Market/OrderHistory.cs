using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Api.Features.Market;

/// <summary>
/// A read model of every identity's orders: the live ones and the last <see cref="RecentCapacity"/>
/// filled or cancelled ones. A background task feeds it from the journal, so the sequencer does no
/// work for it: keeping these lists in the register cut the state machine's rate by 20 to 30 % in
/// the market benchmark (docs/benchmarks.md). Reads wait until it has applied what the register
/// has, so a caller sees its own orders. Thread-safe: one lock guards the lists.
/// </summary>
/// <remarks>
/// It starts from the first event of the journal and keeps no snapshot, so after a restart its
/// first reads wait while it reads the journal again.
/// </remarks>
public sealed partial class OrderHistory : BackgroundService
{
    /// <summary>Closed orders kept per identity; older ones are in the ledger only.</summary>
    public const int RecentCapacity = 50;

    /// <summary>How long a read waits for the read model to catch up before the request is rejected with 503.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Func<IJournalStore> _store;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OrderHistory(LedgerEngine engine, ILogger<OrderHistory> logger)
        : this(() => engine.Store, logger)
    {
    }

    /// <param name="store">Returns the journal to read, each time the read model catches up.</param>
    internal OrderHistory(Func<IJournalStore> store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>Sequence number of the next event to apply.</summary>
    public long NextSequence
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>
    /// Waits until every event up to <paramref name="sequence"/> is applied, or <see cref="MaxWait"/>
    /// passes; returns false then. The events must be in the journal by then, which they are once the
    /// blocks holding them are durable.
    /// </summary>
    public async Task<bool> WaitForAsync(long sequence, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                if (_next > sequence)
                {
                    return true;
                }

                advanced = _advanced.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }

            // The block may not be durable yet, so the wait is short and the loop is woken again.
            await Task.WhenAny(advanced, Task.Delay(TimeSpan.FromMilliseconds(Math.Min(20, left.TotalMilliseconds)), token));
        }
    }

    /// <summary>Returns the identity's live and recently closed orders, newest first, as they are now.</summary>
    public List<OrderRecord> OrdersOf(string identityId)
    {
        lock (_gate)
        {
            var orders = new List<OrderRecord>();
            if (_open.TryGetValue(identityId, out var open))
            {
                orders.AddRange(open.Values.Select(order => order.ToRecord()));
            }

            if (_closed.TryGetValue(identityId, out var closed))
            {
                orders.AddRange(closed.Select(order => order.ToRecord()));
            }

            orders.Sort((a, b) => b.Id.CompareTo(a.Id));
            return orders;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OrderHistoryLog.Started(_logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                CatchUp(stoppingToken);
                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (Exception error) when (stoppingToken.IsCancellationRequested && error is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (Exception error) when (error is IOException or InvalidDataException or FormatException or InvalidOperationException)
            {
                // NOTE: a journal that cannot be read stops the engine too; here reads wait and then fail with 503.
                OrderHistoryLog.ReadFailed(_logger, error, NextSequence);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Applies every event in the journal from <see cref="NextSequence"/> on.</summary>
    private void CatchUp(CancellationToken token)
    {
        var store = _store();
        if (store.ReadBlockContaining(NextSequence) is not { } first)
        {
            return;
        }

        // NOTE: every event is decoded, transfers included, although only order events change the
        // lists. Under heavy transfer load this costs CPU beside the API; its share is not measured.
        foreach (var block in store.ReadBlocks(first.Header.Height))
        {
            token.ThrowIfCancellationRequested();
            var events = EventBlob.Decode(block.Events, block.Header.EventCount).Select(bytes => EventCodec.Decode(bytes.Span)).ToList();
            Apply(events);
        }
    }

    /// <summary>Applies the events that follow <see cref="NextSequence"/>, skipping those already applied, and wakes the waiting reads.</summary>
    internal void Apply(IEnumerable<LedgerEvent> events)
    {
        lock (_gate)
        {
            foreach (var ledgerEvent in events)
            {
                if (ledgerEvent.Sequence == _next)
                {
                    Apply(ledgerEvent);
                    _next++;
                }
            }

            _advanced.TrySetResult();
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}

/// <summary>Log messages of the order history read model. Event ids 2100 to 2109 are theirs.</summary>
internal static partial class OrderHistoryLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Order history read model started; it reads the journal from the first event")]
    public static partial void Started(ILogger logger);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Order history read model failed to read the journal at event {Sequence}; retrying in a second")]
    public static partial void ReadFailed(ILogger logger, Exception error, long sequence);
}

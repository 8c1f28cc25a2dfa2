using Registra.Ledger.Requests;

namespace Registra.Ledger.Engine;

public sealed partial class LedgerEngine
{
    /// <summary>Longest wait of a queued response for a block before the writer stores it on its own.</summary>
    public static readonly TimeSpan IdleFlushInterval = TimeSpan.FromMilliseconds(50);

    // How often the writer deletes request records older than the retention.
    private static readonly TimeSpan RequestCleanupInterval = TimeSpan.FromMinutes(10);

    private readonly RequestLogBatch _idleRequests = new();
    private DateTimeOffset _lastRequestCleanup;

    private void DrainResponses(RequestLogBatch batch)
    {
        while (_responses.TryDequeue(out var response))
        {
            batch.Responses.Add(response);
        }
    }

    /// <summary>Stores queued responses and deletes expired request records while no block is being written.</summary>
    private void SaveRequestsWhileIdle()
    {
        if (_requestLog is null || _fault is not null || Role != NodeRole.Writer)
        {
            return;
        }

        try
        {
            DrainResponses(_idleRequests);
            if (!_idleRequests.IsEmpty)
            {
                _requestLog.Save(_idleRequests);
                _idleRequests.Clear();
            }

            var now = _clock.GetUtcNow();
            if (now - _lastRequestCleanup >= RequestCleanupInterval)
            {
                _requestLog.DeleteCreatedBefore(now - _options.RequestRetention);
                _lastRequestCleanup = now;
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // The same disk holds the blocks, so a failed write stops the engine as a failed block would.
            _fault ??= exception;
        }
    }
}

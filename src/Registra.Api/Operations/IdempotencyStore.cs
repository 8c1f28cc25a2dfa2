using System.Collections.Concurrent;

namespace Registra.Api.Operations;

/// <summary>
/// Remembers the first response to each Idempotency-Key, per caller, for 24 hours and at most
/// <see cref="MaxEntries"/> keys, so a retry gets the same response without running the command again.
/// </summary>
/// <remarks>
/// This is the fast path and the guard against concurrent duplicates on one node. The durable
/// records are in the journal store, which <see cref="IdempotencyMiddleware"/> reads when a key is
/// not here.
/// </remarks>
internal sealed class IdempotencyStore(TimeProvider clock)
{
    public const int MaxEntries = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, IdempotencyEntry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimLock = new();

    public int Count => _entries.Count;

    /// <summary>
    /// Returns the live entry of a key, or adds a pending one that the caller must finish with
    /// <see cref="Complete"/>; <c>Created</c> is true for a new entry.
    /// </summary>
    public (IdempotencyEntry Entry, bool Created) GetOrBegin(string scopedKey, byte[] fingerprint)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(scopedKey, out var existing))
            {
                if (existing.ExpiresAt > now)
                {
                    return (existing, false);
                }

                _entries.TryRemove(KeyValuePair.Create(scopedKey, existing));
                continue;
            }

            var entry = new IdempotencyEntry(fingerprint, now + Lifetime);
            if (_entries.TryAdd(scopedKey, entry))
            {
                TrimIfFull(now);
                return (entry, true);
            }
        }
    }

    /// <summary>
    /// Stores the response of a pending entry and wakes the requests waiting on it. A null response
    /// (a server error or a body too large to keep) removes the key, so the next retry runs again.
    /// </summary>
    public void Complete(string scopedKey, IdempotencyEntry entry, StoredResponse? response)
    {
        if (response is null)
        {
            _entries.TryRemove(KeyValuePair.Create(scopedKey, entry));
        }

        entry.Completion.TrySetResult(response);
    }

    // Drops expired entries, then the oldest finished ones, down to 90% of the bound so trimming is rare.
    private void TrimIfFull(DateTimeOffset now)
    {
        if (_entries.Count <= MaxEntries)
        {
            return;
        }

        lock (_trimLock)
        {
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresAt <= now)
                {
                    _entries.TryRemove(pair);
                }
            }

            var excess = _entries.Count - MaxEntries * 9 / 10;
            if (excess <= 0)
            {
                return;
            }

            var oldest = _entries
                .Where(pair => pair.Value.Completion.Task.IsCompleted)
                .OrderBy(pair => pair.Value.ExpiresAt)
                .Take(excess)
                .ToList();
            foreach (var pair in oldest)
            {
                _entries.TryRemove(pair);
            }
        }
    }
}

/// <summary>One Idempotency-Key: the request fingerprint and the first response, once it is known.</summary>
internal sealed class IdempotencyEntry(byte[] fingerprint, DateTimeOffset expiresAt)
{
    public byte[] Fingerprint { get; } = fingerprint;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Completes with the stored response, or null when the first request left nothing to replay.</summary>
    public TaskCompletionSource<StoredResponse?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The parts of a response that a replay sends again.</summary>
internal sealed record StoredResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

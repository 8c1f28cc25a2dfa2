using System.Collections.Concurrent;
using Registra.Ledger;
using Registra.Ledger.Access;

namespace Registra.Api.Auth;

/// <summary>
/// Authenticates API keys against the store and remembers the outcome briefly, so each request
/// does not hash and read the key record again. Revocations take effect within the cache lifetime.
/// </summary>
public sealed class ApiKeyCache(ApiKeyRegistry registry, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _storeLock = new();

    public ApiKeyRegistry Registry => registry;

    public ApiKeyRecord? Authenticate(string presented)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(presented, out var entry) && entry.Until > now)
        {
            return entry.Record;
        }

        ApiKeyRecord? record;
        lock (_storeLock)
        {
            record = registry.Authenticate(presented);
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[presented] = (record, now + Lifetime);
        return record;
    }

    /// <summary>Runs a change to the key records under the same lock as reads, then clears the cached results.</summary>
    public T Change<T>(Func<ApiKeyRegistry, T> change)
    {
        lock (_storeLock)
        {
            var result = change(registry);
            _entries.Clear();
            return result;
        }
    }
}

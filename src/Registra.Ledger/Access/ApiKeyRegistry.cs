using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Registra.Access;

namespace Registra.Ledger.Access;

/// <summary>
/// Creates, finds and revokes API keys, kept in the journal store's metadata so they live in the
/// same file or database as the ledger. A key reads "rk_{id}_{secret}"; only its hash is stored.
/// </summary>
public sealed class ApiKeyRegistry(IJournalStore store, TimeProvider clock)
{
    private const string Prefix = "api_key:";
    private const string FirstOperatorMarker = "first_operator_key_id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Creates a key and returns its record with the full key, which is shown once and never stored.</summary>
    public (ApiKeyRecord Record, string Key) Create(string name, ActorRole role, string? scopeId, Permissions permissions)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = $"rk_{id}_{secret}";
        var record = new ApiKeyRecord(id, name, role, scopeId, permissions, Hash(key), clock.GetUtcNow());
        store.SetMetadata(Prefix + id, JsonSerializer.Serialize(record, Json));
        return (record, key);
    }

    /// <summary>Returns the record of a presented key when it exists, matches, is not revoked and has not expired.</summary>
    public ApiKeyRecord? Authenticate(string presentedKey)
    {
        var parts = presentedKey.Split('_', 3);
        if (parts is not ["rk", var id, _] || Find(id) is not { } record || record.RevokedAt is not null)
        {
            return null;
        }

        if (record.ExpiresAt is { } expiresAt && expiresAt <= clock.GetUtcNow())
        {
            return null;
        }

        var expected = Convert.FromHexString(record.SecretHash);
        var actual = Convert.FromHexString(Hash(presentedKey));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? record : null;
    }

    /// <summary>
    /// Creates the first operator key of a data folder, once: returns null when one was created before,
    /// even if it has since been revoked, so a restart never mints another.
    /// </summary>
    public (ApiKeyRecord Record, string Key)? CreateFirstOperatorKey()
    {
        if (store.GetMetadata(FirstOperatorMarker) is not null)
        {
            return null;
        }

        var created = Create("first operator", ActorRole.Operator, null, Permissions.None);
        store.SetMetadata(FirstOperatorMarker, created.Record.Id);
        return created;
    }

    public ApiKeyRecord? Find(string id) =>
        store.GetMetadata(Prefix + id) is { } json ? JsonSerializer.Deserialize<ApiKeyRecord>(json, Json) : null;

    /// <summary>Lists every key record in id order, revoked and expired ones included.</summary>
    public IReadOnlyList<ApiKeyRecord> List() =>
        store.ListMetadata(Prefix)
            .Select(entry => JsonSerializer.Deserialize<ApiKeyRecord>(entry.Value, Json)!)
            .ToList();

    /// <summary>
    /// Creates a key with the same name, role, scope and permissions as key <paramref name="id"/> and
    /// lets the old key expire after <paramref name="overlap"/>, so clients can switch without downtime.
    /// Returns null when no key has that id or it is revoked.
    /// </summary>
    public (ApiKeyRecord Record, string Key)? Rotate(string id, TimeSpan overlap)
    {
        if (Find(id) is not { RevokedAt: null } old)
        {
            return null;
        }

        var created = Create(old.Name, old.Role, old.ScopeId, old.Permissions);
        var expiresAt = clock.GetUtcNow() + overlap;
        if (old.ExpiresAt is null || old.ExpiresAt > expiresAt)
        {
            store.SetMetadata(Prefix + id, JsonSerializer.Serialize(old with { ExpiresAt = expiresAt }, Json));
        }

        return created;
    }

    /// <summary>Revokes a key; returns false when no key has that id.</summary>
    public bool Revoke(string id)
    {
        if (Find(id) is not { } record)
        {
            return false;
        }

        store.SetMetadata(Prefix + id, JsonSerializer.Serialize(record with { RevokedAt = clock.GetUtcNow() }, Json));
        return true;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using Registra.Access;

namespace Registra.Ledger.Access;

/// <summary>A stored API key: who it stands for and the SHA-256 of the secret, never the secret itself.</summary>
/// <param name="ScopeId">Issuer id for an issuer agent, claim issuer id for a claim issuer, identity id for an investor.</param>
/// <param name="ExpiresAt">Instant from which the key is rejected, set when the key is rotated; null for no expiry.</param>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    ActorRole Role,
    string? ScopeId,
    Permissions Permissions,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null,
    DateTimeOffset? ExpiresAt = null)
{
    public Actor ToActor() => new(Role, "key:" + Id, ScopeId, Permissions);
}

namespace Registra.Identities;

/// <summary>An account (wallet) of an identity. A recovered account is closed and points to its successor.</summary>
public sealed class AccountState(string id, string identityId)
{
    public string Id { get; } = id;

    public string IdentityId { get; } = identityId;

    public string? RecoveredTo { get; set; }

    public bool IsClosed => RecoveredTo is not null;
}

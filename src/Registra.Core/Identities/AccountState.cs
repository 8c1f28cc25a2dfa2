namespace Registra.Identities;

/// <summary>An account (wallet) of an identity. A recovered account is closed and points to its successor.</summary>
public sealed class AccountState(string id, string identityId)
{
    public string Id { get; } = id;

    public string IdentityId { get; } = identityId;

    public string? RecoveredTo { get; set; }

    public bool IsClosed => RecoveredTo is not null;

    /// <summary>
    /// The owning identity, cached by the state machine on first use so that a movement does not look
    /// it up by id. Identities are never removed or replaced, so the reference stays valid.
    /// </summary>
    internal IdentityState? Identity { get; set; }
}

using Registra.Access;
using Registra.Api.Hosting;
using Registra.Events;

namespace Registra.Api.Features.Ledger;

public enum LedgerScopeKind
{
    /// <summary>No ledger access: investors and claim issuers.</summary>
    None,

    /// <summary>Every event: operators and unscoped auditors.</summary>
    Full,

    /// <summary>Block headers, and events of one issuer's securities: issuer agents and scoped auditors.</summary>
    Issuer,
}

/// <summary>
/// What part of the ledger a caller reads. Block headers hold only hashes, counts and signatures,
/// so every ledger reader may list them; events are filtered by the issuer of their security.
/// </summary>
public sealed record LedgerScope(LedgerScopeKind Kind, string? IssuerId, string Role)
{
    public static LedgerScope Of(Actor actor) => actor.Role switch
    {
        ActorRole.Operator => new(LedgerScopeKind.Full, null, actor.Role.ToString()),
        ActorRole.Auditor when actor.ScopeId is null => new(LedgerScopeKind.Full, null, actor.Role.ToString()),
        ActorRole.Auditor or ActorRole.IssuerAgent => new(LedgerScopeKind.Issuer, actor.ScopeId, actor.Role.ToString()),
        _ => new(LedgerScopeKind.None, null, actor.Role.ToString()),
    };

    /// <summary>
    /// True when the caller may read the event. For an issuer scope, only events naming a security
    /// of that issuer qualify; events without a security (identities, claims, approvals) do not.
    /// </summary>
    public async Task<bool> AllowsAsync(RegisterEvent payload, CommandGateway gateway, CancellationToken cancellationToken)
    {
        if (Kind != LedgerScopeKind.Issuer)
        {
            return Kind == LedgerScopeKind.Full;
        }

        var securityId = payload.GetType().GetProperty("SecurityId")?.GetValue(payload) as string;
        return securityId is not null && await gateway.IssuerOfAsync(securityId, cancellationToken) == IssuerId;
    }
}

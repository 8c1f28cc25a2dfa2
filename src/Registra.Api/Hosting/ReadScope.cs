using Registra.Access;

namespace Registra.Api.Hosting;

/// <summary>Read scopes: who may see which issuer's securities and registers.</summary>
public static class ReadScope
{
    /// <summary>
    /// True when the actor may read the issuer's securities: operators always, agents and scoped
    /// auditors for their issuer only, unscoped auditors for all, investors and claim issuers the public definitions.
    /// </summary>
    public static bool CanRead(Actor actor, string issuerId) => actor.Role switch
    {
        ActorRole.Operator => true,
        ActorRole.IssuerAgent => actor.ScopeId == issuerId,
        ActorRole.Auditor => actor.ScopeId is null || actor.ScopeId == issuerId,
        _ => true,
    };

    /// <summary>True when the actor may read the holder list and every position of the issuer's securities.</summary>
    public static bool CanReadRegister(Actor actor, string issuerId) =>
        actor.Role is not (ActorRole.Investor or ActorRole.ClaimIssuer) && CanRead(actor, issuerId);
}

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

    /// <summary>
    /// True when the actor may read an identity with its claims, which are personal data. Operators,
    /// unscoped auditors and claim issuers always may, and investors may read their own identity.
    /// Issuer agents and scoped auditors may read identities with an account that has held one of
    /// their issuer's securities.
    /// </summary>
    public static bool CanReadIdentity(Actor actor, Identities.IdentityState identity, Register.RegisterState state) => actor.Role switch
    {
        ActorRole.Operator or ActorRole.ClaimIssuer => true,
        ActorRole.Investor => actor.ScopeId == identity.Id,
        ActorRole.Auditor when actor.ScopeId is null => true,
        _ => state.Securities.Values.Any(security =>
            security.Definition.IssuerId == actor.ScopeId && identity.Accounts.Any(security.Positions.ContainsKey)),
    };
}

namespace Registra.Access;

/// <summary>
/// Who sends a command. The state machine checks the role, issuer scope and permissions
/// itself, so every entry point (API, CLI, import) is held to the same policy.
/// </summary>
/// <param name="ScopeId">Issuer id for an issuer agent, claim issuer id for a claim issuer, identity id for an investor.</param>
public sealed record Actor(ActorRole Role, string Id, string? ScopeId = null, Permissions Permissions = Permissions.None)
{
    /// <summary>The platform itself: imports, replays and the CLI on a local data folder.</summary>
    public static Actor Operator { get; } = new(ActorRole.Operator, "operator");

    public static Actor Agent(string id, string issuerId, Permissions permissions) =>
        new(ActorRole.IssuerAgent, id, issuerId, permissions);

    public static Actor Investor(string identityId) => new(ActorRole.Investor, identityId, identityId);

    public bool IsOperator => Role == ActorRole.Operator;

    /// <summary>True when the actor may act on the issuer's securities with the given permission.</summary>
    public bool MayAct(string issuerId, Permissions permission) =>
        IsOperator || (Role == ActorRole.IssuerAgent && ScopeId == issuerId && Permissions.HasFlag(permission));
}

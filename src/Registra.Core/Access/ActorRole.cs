namespace Registra.Access;

public enum ActorRole
{
    Operator,
    IssuerAgent,
    ClaimIssuer,
    Investor,
    Auditor,
}

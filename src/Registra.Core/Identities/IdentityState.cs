namespace Registra.Identities;

/// <summary>An investor or entity: its accounts and the claims made about it.</summary>
public sealed class IdentityState(string id, IdentityKind kind, string name)
{
    public string Id { get; } = id;

    public IdentityKind Kind { get; } = kind;

    public string Name { get; } = name;

    public List<string> Accounts { get; } = [];

    public Dictionary<string, Claim> Claims { get; } = [];

    /// <summary>
    /// Finds a claim of the type that is valid at the instant and issued by a trusted issuer;
    /// an empty trusted set accepts every registered claim issuer.
    /// </summary>
    public Claim? FindValidClaim(string type, DateTimeOffset instant, IReadOnlySet<string> trustedIssuers)
    {
        foreach (var claim in Claims.Values)
        {
            if (claim.Type != type || !claim.IsValidAt(instant))
            {
                continue;
            }

            if (trustedIssuers.Count == 0 || trustedIssuers.Contains(claim.IssuerId))
            {
                return claim;
            }
        }

        return null;
    }

    public bool HasValidClaim(string type, DateTimeOffset instant, IReadOnlySet<string> trustedIssuers) =>
        FindValidClaim(type, instant, trustedIssuers) is { } claim && IsAffirmative(claim.Value);

    /// <summary>Boolean claims (accredited, us_person) count when their value is not "false" or "no".</summary>
    private static bool IsAffirmative(string value) =>
        !value.Equals("false", StringComparison.OrdinalIgnoreCase) && !value.Equals("no", StringComparison.OrdinalIgnoreCase);
}

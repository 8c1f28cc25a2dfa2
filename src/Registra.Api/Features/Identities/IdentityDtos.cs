using Registra.Identities;

namespace Registra.Api.Features.Identities;

/// <param name="Accounts">Account ids to open for the identity at once.</param>
public sealed record CreateIdentityRequest(string Id, IdentityKind Kind, string Name, IReadOnlyList<string>? Accounts = null);

public sealed record AddAccountRequest(string Id);

/// <param name="ValidFrom">RFC 3339 instant; now when absent.</param>
public sealed record AddClaimRequest(
    string Id,
    string Type,
    string Value,
    string ClaimIssuerId,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidUntil = null);

public sealed record ClaimView(string Id, string Type, string Value, string ClaimIssuerId, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, bool Revoked);

public sealed record AccountView(string Id, string? RecoveredTo);

public sealed record IdentityView(string Id, IdentityKind Kind, string Name, IReadOnlyList<AccountView> Accounts, IReadOnlyList<ClaimView> Claims)
{
    public static IdentityView Of(IdentityState identity, global::Registra.Register.RegisterState state) =>
        new(identity.Id, identity.Kind, identity.Name,
            identity.Accounts.Select(id => new AccountView(id, state.Accounts[id].RecoveredTo)).ToList(),
            identity.Claims.Values.OrderBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new ClaimView(c.Id, c.Type, c.Value, c.IssuerId, c.ValidFrom, c.ValidUntil, c.Revoked)).ToList());
}

public sealed record CreateClaimIssuerRequest(string Id, string Name);

public sealed record ClaimIssuerView(string Id, string Name);

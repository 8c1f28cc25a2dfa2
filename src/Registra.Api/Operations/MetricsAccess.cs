using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Registra.Access;
using Registra.Api.Auth;

namespace Registra.Api.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: anyone by default, or only callers whose API key or token has one
/// of the roles in <see cref="Hosting.ApiOptions.MetricsRoles"/>. Health probes stay anonymous either way.
/// </summary>
public static class MetricsAccess
{
    private const string RoleNames = "operator, issuer-agent, claim-issuer, investor, auditor";

    /// <summary>Parses roles separated by commas, such as "operator,auditor"; null or blank gives none.</summary>
    /// <exception cref="ArgumentException">A name is not a role.</exception>
    public static IReadOnlySet<ActorRole> ParseRoles(string? text) =>
        TryParseRoles(text, out var roles, out var error) ? roles : throw new ArgumentException(error, nameof(text));

    /// <summary>Parses roles separated by commas; returns false with a message naming the first invalid one.</summary>
    public static bool TryParseRoles(string? text, out IReadOnlySet<ActorRole> roles, out string? error)
    {
        var parsed = new HashSet<ActorRole>();
        roles = parsed;
        error = null;
        foreach (var name in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Accepts "issuer-agent", "issuer_agent" and "IssuerAgent", never a number.
            var compact = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
            if (!compact.All(char.IsAsciiLetter) || !Enum.TryParse<ActorRole>(compact, ignoreCase: true, out var role))
            {
                error = $"'{name}' is not a role; use one or more of {RoleNames}, separated by commas.";
                return false;
            }

            parsed.Add(role);
        }

        return true;
    }

    /// <summary>Adds the check to the scraping endpoint: anonymous when no role is configured, otherwise one of the roles.</summary>
    internal static void Apply<TBuilder>(TBuilder endpoint, IReadOnlySet<ActorRole> roles)
        where TBuilder : IEndpointConventionBuilder
    {
        if (roles.Count == 0)
        {
            endpoint.AllowAnonymous();
            return;
        }

        // The authorization middleware challenges a caller without a valid key (401) and forbids a key of another role (403).
        endpoint.RequireAuthorization(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ActorClaims.From(context.User) is { } actor && roles.Contains(actor.Role))
            .Build());
    }
}

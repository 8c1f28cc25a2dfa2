using System.Security.Claims;
using Registra.Access;

namespace Registra.Api.Auth;

/// <summary>Maps an <see cref="Actor"/> to claims and back, for every authentication scheme.</summary>
public static class ActorClaims
{
    public const string Role = "registra:role";
    public const string Scope = "registra:scope";
    public const string Permissions = "registra:permissions";
    public const string Subject = "registra:subject";

    public static IEnumerable<Claim> For(Actor actor)
    {
        yield return new Claim(Subject, actor.Id);
        yield return new Claim(Role, actor.Role.ToString());
        yield return new Claim(Permissions, ((int)actor.Permissions).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (actor.ScopeId is not null)
        {
            yield return new Claim(Scope, actor.ScopeId);
        }
    }

    /// <summary>Reads the actor of an authenticated principal; null when it carries no Registra role.</summary>
    public static Actor? From(ClaimsPrincipal principal)
    {
        var role = principal.FindFirstValue(Role);
        var subject = principal.FindFirstValue(Subject);
        if (role is null || subject is null || !Enum.TryParse<ActorRole>(role, out var parsedRole))
        {
            return null;
        }

        var permissions = int.TryParse(principal.FindFirstValue(Permissions), out var bits) ? (Access.Permissions)bits : Access.Permissions.None;
        return new Actor(parsedRole, subject, principal.FindFirstValue(Scope), permissions);
    }
}

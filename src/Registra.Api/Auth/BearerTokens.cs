using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Registra.Access;
using Registra.Api.Hosting;

namespace Registra.Api.Auth;

/// <summary>
/// OAuth 2.0 bearer JWTs from one configured issuer, checked against a signing key read from a file
/// (no metadata download). A policy scheme sends "Bearer rk_..." and X-Api-Key to the API key
/// handler and other bearer tokens to the JWT handler.
/// </summary>
/// <remarks>
/// Claims: <c>sub</c> (required, the actor id becomes "jwt:{sub}"), <c>registra_role</c> (operator,
/// issuer_agent, claim_issuer, investor or auditor), <c>registra_scope</c> (issuer, claim issuer or
/// identity id) and <c>registra_permissions</c> (names separated by spaces, or a JSON array).
/// </remarks>
public static class BearerTokens
{
    public const string JwtScheme = "Jwt";
    public const string SelectorScheme = "ApiKeyOrJwt";
    public const string RoleClaim = "registra_role";
    public const string ScopeClaim = "registra_scope";
    public const string PermissionsClaim = "registra_permissions";

    /// <summary>Adds the JWT handler when the issuer, audience and signing key are configured; does nothing when none is.</summary>
    public static WebApplicationBuilder AddBearerTokens(this WebApplicationBuilder builder, ApiOptions options)
    {
        if (options is { JwtIssuer: null, JwtAudience: null, JwtSigningKeyPath: null })
        {
            return builder;
        }

        if (options is not { JwtIssuer: { } issuer, JwtAudience: { } audience, JwtSigningKeyPath: { } keyPath })
        {
            throw new InvalidOperationException("JWT settings are incomplete: set the issuer, the audience and the signing key file together.");
        }

        var signingKeys = JwtSigningKeys.Load(keyPath);
        builder.Services.AddAuthentication(authentication => authentication.DefaultScheme = SelectorScheme)
            .AddJwtBearer(JwtScheme, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer,
                    ValidAudience = audience,
                    IssuerSigningKeys = signingKeys,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                jwt.Events = new JwtBearerEvents { OnTokenValidated = AddActorClaims };
            })
            .AddPolicyScheme(SelectorScheme, "API key or JWT", selector => selector.ForwardDefaultSelector = SelectScheme);
        return builder;
    }

    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var isJwt = !context.Request.Headers.ContainsKey("X-Api-Key")
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && authorization.Count(c => c == '.') == 2;
        return isJwt ? JwtScheme : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static Task AddActorClaims(TokenValidatedContext context)
    {
        var (actor, error) = ActorOf(context.Principal!);
        if (actor is null)
        {
            context.Fail(error!);
            return Task.CompletedTask;
        }

        context.Principal!.AddIdentity(new ClaimsIdentity(ActorClaims.For(actor), JwtScheme));
        return Task.CompletedTask;
    }

    /// <summary>Reads the actor from validated token claims; returns the reason when a claim is missing or invalid.</summary>
    internal static (Actor? Actor, string? Error) ActorOf(ClaimsPrincipal token)
    {
        var subject = token.FindFirstValue("sub");
        if (string.IsNullOrWhiteSpace(subject))
        {
            return (null, "The token has no 'sub' claim.");
        }

        if (!TryParseName<ActorRole>(token.FindFirstValue(RoleClaim), out var role))
        {
            return (null, $"The token's '{RoleClaim}' claim is missing or not one of operator, issuer_agent, claim_issuer, investor, auditor.");
        }

        var permissions = Permissions.None;
        var names = token.FindAll(PermissionsClaim).SelectMany(claim => claim.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
        foreach (var name in names)
        {
            if (!TryParseName<Permissions>(name, out var permission))
            {
                return (null, $"The token's '{PermissionsClaim}' claim names an unknown permission '{name}'.");
            }

            permissions |= permission;
        }

        var scope = token.FindFirstValue(ScopeClaim);
        if (role is ActorRole.IssuerAgent or ActorRole.ClaimIssuer or ActorRole.Investor && string.IsNullOrWhiteSpace(scope))
        {
            return (null, $"The token's role {role} needs a '{ScopeClaim}' claim.");
        }

        return (new Actor(role, "jwt:" + subject, scope, permissions), null);
    }

    // Accepts snake_case ("issuer_agent") and the enum name in any case, never a number.
    private static bool TryParseName<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        var name = text?.Replace("_", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(name) || !name.All(char.IsAsciiLetter))
        {
            return false;
        }

        return Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}

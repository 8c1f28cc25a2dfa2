using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registra.Ledger.Access;

namespace Registra.Api.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer rk_..." or "X-Api-Key: rk_..." against the stored key
/// hashes and turns the key into claims carrying the role, scope and permissions.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var record = keys.Authenticate(presented);
        if (record is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is invalid or revoked."));
        }

        var identity = new ClaimsIdentity(ActorClaims.For(record.ToActor()), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count == 1)
        {
            return header[0];
        }

        // The scheme name is case-insensitive (RFC 9110, section 11.1); the key itself is not.
        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.AsSpan("Bearer ".Length).StartsWith("rk_", StringComparison.Ordinal)
            ? authorization["Bearer ".Length..]
            : null;
    }

    /// <summary>
    /// Sets the challenge that RFC 9110 requires on a 401: the Bearer scheme the key goes in, with
    /// <c>error="invalid_token"</c> when a key was sent but is invalid or revoked (RFC 6750).
    /// </summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = PresentedKey() is null
            ? "Bearer realm=\"registra\""
            : "Bearer realm=\"registra\", error=\"invalid_token\"";
        return base.HandleChallengeAsync(properties);
    }
}

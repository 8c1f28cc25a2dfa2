using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registra.Tests.Api.Operations;

public sealed class JwtTests : IDisposable
{
    private const string Issuer = "https://idp.registra.test";
    private const string Audience = "registra-api";

    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly string _publicKeyPath = Path.Combine(Path.GetTempPath(), "registra-jwt-" + Guid.NewGuid().ToString("N") + ".pem");

    public JwtTests() => File.WriteAllText(_publicKeyPath, _signingKey.ExportSubjectPublicKeyInfoPem());

    [Fact]
    public async Task ValidToken_ReadsAsItsRole()
    {
        await using var api = await StartAsync();

        using var response = await Send(api, Mint(_signingKey, role: "auditor"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ValidOperatorToken_Writes()
    {
        await using var api = await StartAsync();
        var client = api.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Mint(_signingKey, role: "operator"));

        using var response = await client.PostAsync("/v1/issuers", new StringContent("""{"id":"acme","name":"Acme"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvalidTokens_Are401Problems()
    {
        await using var api = await StartAsync();
        using var otherKey = RSA.Create(2048);
        var tokens = new Dictionary<string, string>
        {
            ["wrong audience"] = Mint(_signingKey, audience: "someone-else"),
            ["wrong issuer"] = Mint(_signingKey, issuer: "https://evil.test"),
            ["expired"] = Mint(_signingKey, expires: DateTime.UtcNow.AddMinutes(-5)),
            ["bad signature"] = Mint(otherKey),
            ["no role"] = Mint(_signingKey, role: null),
            ["unknown role"] = Mint(_signingKey, role: "superuser"),
            ["agent without scope"] = Mint(_signingKey, role: "issuer_agent"),
            ["garbage"] = "aaa.bbb.ccc",
        };

        foreach (var (name, token) in tokens)
        {
            using var response = await Send(api, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: status {(int)response.StatusCode}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{name}: {response.Content.Headers.ContentType}");
        }
    }

    [Fact]
    public async Task ApiKeys_StillWork_WithJwtConfigured()
    {
        await using var api = await StartAsync();

        using var response = await api.Operator.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Claims_MapToActor()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "user-7"),
            new Claim(Registra.Api.Auth.BearerTokens.RoleClaim, "issuer_agent"),
            new Claim(Registra.Api.Auth.BearerTokens.ScopeClaim, "acme"),
            new Claim(Registra.Api.Auth.BearerTokens.PermissionsClaim, "supply freeze"),
        ]));

        var (actor, error) = Registra.Api.Auth.BearerTokens.ActorOf(principal);

        Assert.Null(error);
        Assert.Equal(new Registra.Access.Actor(Registra.Access.ActorRole.IssuerAgent, "jwt:user-7", "acme",
            Registra.Access.Permissions.Supply | Registra.Access.Permissions.Freeze), actor);
    }

    private Task<ApiFixture> StartAsync() => ApiFixture.StartAsync(options => options with
    {
        JwtIssuer = Issuer,
        JwtAudience = Audience,
        JwtSigningKeyPath = _publicKeyPath,
    });

    private static async Task<HttpResponseMessage> Send(ApiFixture api, string token)
    {
        var client = api.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/v1/securities");
    }

    private static string Mint(RSA key, string? role = "auditor", string issuer = Issuer, string audience = Audience, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "user-1" };
        if (role is not null)
        {
            claims[Registra.Api.Auth.BearerTokens.RoleClaim] = role;
        }

        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _signingKey.Dispose();
        File.Delete(_publicKeyPath);
    }
}

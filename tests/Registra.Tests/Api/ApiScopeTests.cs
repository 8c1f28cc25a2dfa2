using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registra.Access;
using Registra.Api.Auth;

namespace Registra.Tests.Api;

/// <summary>
/// Read and write scopes of credentials: investors see only their own positions, issuer agents
/// only their issuer's securities, and a revoked key stops working at once.
/// </summary>
public sealed class ApiScopeTests
{
    [Fact]
    public async Task Investor_ReadsOwnPositionOnly()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "50" });
        var alice = api.ClientFor(ActorRole.Investor, "alice");

        using var own = await alice.GetAsync($"/v1/securities/{securityId}/positions/alice-1");
        using var other = await alice.GetAsync($"/v1/securities/{securityId}/positions/bob-1");
        using var otherPast = await alice.GetAsync($"/v1/securities/{securityId}/positions/bob-1?at={DateTime.UtcNow.AddSeconds(-1):yyyy-MM-ddTHH:mm:ssZ}");
        using var holders = await alice.GetAsync($"/v1/securities/{securityId}/holders");
        using var ownIdentity = await alice.GetAsync("/v1/identities/alice");
        using var otherIdentity = await alice.GetAsync("/v1/identities/bob");
        var otherProblem = await other.ProblemAsync();

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("100", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("50", otherProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("50", otherProblem.GetProperty("failures").ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherPast.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, holders.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownIdentity.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherIdentity.StatusCode);
    }

    [Fact]
    public async Task Investor_MovesOwnAccountOnly()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "50" });
        var alice = api.ClientFor(ActorRole.Investor, "alice");

        using var own = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "10" });
        using var other = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "bob-1", to = "alice-1", amount = "10" });
        var otherProblem = await other.ProblemAsync();

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("permission_denied", otherProblem.Code());
        Assert.Equal("90", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("60", await api.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task Investor_CheckOfOtherAccount_RevealsNoBalance()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "777" });
        var alice = api.ClientFor(ActorRole.Investor, "alice");

        using var response = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/transfers:check", new { from = "bob-1", to = "alice-1", amount = "1000" });
        var text = await response.Content.ReadAsStringAsync();
        var result = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["permission_denied"], result.FailureCodes());
        Assert.DoesNotContain("777", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_SeesOwnIssuerOnly()
    {
        await using var api = await ApiFixture.StartAsync();
        var acmeSecurity = await api.SeedAsync(0, "alice");
        await api.PostOk("/v1/issuers", new { id = "globex", name = "Globex" });
        var globexSecurity = (await api.PostOk("/v1/securities", new { issuerId = "globex", name = "Globex Common", assetClass = "equity", decimals = 0 }))
            .GetProperty("id").GetString()!;
        var agent = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.All);

        var listed = await agent.GetFromJsonAsync<JsonElement>("/v1/securities");
        var issuers = await agent.GetFromJsonAsync<JsonElement>("/v1/issuers");
        using var ownRead = await agent.GetAsync($"/v1/securities/{acmeSecurity}");
        using var otherRead = await agent.GetAsync($"/v1/securities/{globexSecurity}");
        using var otherRules = await agent.GetAsync($"/v1/securities/{globexSecurity}/rules");
        using var otherHolders = await agent.GetAsync($"/v1/securities/{globexSecurity}/holders");
        using var otherIssue = await agent.PostAsJsonAsync($"/v1/securities/{globexSecurity}/issuances", new { accountId = "alice-1", amount = "1" });
        using var otherCreate = await agent.PostAsJsonAsync("/v1/securities", new { issuerId = "globex", name = "Sneaky", assetClass = "equity", decimals = 0 });
        using var otherPause = await agent.PostAsJsonAsync($"/v1/securities/{globexSecurity}:pause", new { });

        Assert.Equal([acmeSecurity], listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
        Assert.Equal(["acme"], issuers.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
        Assert.Equal(HttpStatusCode.OK, ownRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRules.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherHolders.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherIssue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPause.StatusCode);
        Assert.Equal("0", await api.BalanceAsync(globexSecurity, "alice-1"));
    }

    [Fact]
    public async Task RevokedKey_IsRejectedAtOnce()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(0, "alice");
        var keys = api.Services.GetRequiredService<ApiKeyCache>();
        var (record, key) = keys.Change(registry => registry.Create("agent", ActorRole.IssuerAgent, "acme", Permissions.All));
        var agent = api.Client(key);
        using var before = await agent.GetAsync("/v1/securities");

        var revoked = keys.Change(registry => registry.Revoke(record.Id));
        using var after = await agent.GetAsync("/v1/securities");
        using var write = await agent.PostAsJsonAsync("/v1/identities", new { id = "mallory", kind = "individual", name = "Mallory" });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Operator.GetAsync("/v1/identities/mallory")).StatusCode);
    }

    [Fact]
    public async Task RevokedKey_ViaApiKeyHeader_IsRejected()
    {
        await using var api = await ApiFixture.StartAsync();
        var keys = api.Services.GetRequiredService<ApiKeyCache>();
        var (record, key) = keys.Change(registry => registry.Create("auditor", ActorRole.Auditor, null, Permissions.None));
        using var client = api.Client(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var before = await client.GetAsync("/v1/securities");

        keys.Change(registry => registry.Revoke(record.Id));
        using var after = await client.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task MalformedKey_IsUnauthorized()
    {
        await using var api = await ApiFixture.StartAsync();
        using var wrongKey = api.Client("rk_not_a_real_key");
        using var basic = api.Client(null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "b3BlcmF0b3I6cGFzcw==");

        using var wrong = await wrongKey.GetAsync("/v1/securities");
        using var basicResponse = await basic.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, basicResponse.StatusCode);
    }
}

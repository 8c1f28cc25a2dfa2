using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api;

public sealed class ApiSmokeTests
{
    [Fact]
    public async Task Transfer_OverHttp_MovesUnits()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });

        var receipt = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        var position = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/bob-1");

        Assert.Equal("settled", receipt.GetProperty("status").GetString());
        Assert.Equal("100", position.GetProperty("balance").GetString());
    }

    [Fact]
    public async Task Transfer_TooMuch_IsProblemWithCode()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });

        using var response = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "11" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("insufficient_balance", problem.GetProperty("code").GetString());
        Assert.Equal("/v1/problems/insufficient_balance", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Request_WithoutKey_IsUnauthorized()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Client(null).GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Transfer_Location_CanBeRead()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });

        using var created = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
        using var located = await api.Operator.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
    }

    [Theory]
    [InlineData(null, "Bearer realm=\"registra\"")]
    [InlineData("rk_unknown_key", "Bearer realm=\"registra\", error=\"invalid_token\"")]
    public async Task Unauthorized_CarriesChallenge(string? key, string challenge)
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Client(key).GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(challenge, response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Authorization_LowercaseScheme_IsAccepted()
    {
        await using var api = await ApiFixture.StartAsync();
        using var client = api.Client(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + api.OperatorKey);

        using var response = await client.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-12-05", "with an offset")]
    [InlineData("2026-12-05T10:00:00", "with an offset")]
    [InlineData("2026-12-05T10:00:00+00:00", "%2B")]
    public async Task HoldersAt_WithoutOffset_IsRejected(string at, string hint)
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");

        // The value goes into the query unencoded, as a pasted curl command sends it.
        using var response = await api.Operator.GetAsync($"/v1/securities/{securityId}/holders?at={at}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        Assert.Contains(hint, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

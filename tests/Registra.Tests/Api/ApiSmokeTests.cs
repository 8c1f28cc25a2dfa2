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
}

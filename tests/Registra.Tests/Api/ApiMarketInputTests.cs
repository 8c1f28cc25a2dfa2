using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>Problem details that the market endpoints return for bad input, and how the market data stream resumes.</summary>
public sealed class ApiMarketInputTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> PlaceAsync(ApiFixture api, string securityId, object body)
    {
        using var response = await api.ClientFor(ActorRole.Investor, "alice").PostAsJsonAsync($"/v1/securities/{securityId}/orders", body);
        return await Json(response);
    }

    [Fact]
    public async Task PriceOffTick_ShowsDecimalPrices()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;

        var problem = await PlaceAsync(api, securityId, new { accountId = "alice-1", side = "sell", quantity = "5", price = "10.03" });

        Assert.Equal("price_off_tick", problem.GetProperty("code").GetString());
        var failure = problem.GetProperty("failures")[0];
        Assert.Equal("0.05", failure.GetProperty("limit").GetString());
        Assert.Equal("10.03", failure.GetProperty("current").GetString());
        Assert.Equal("10.03", failure.GetProperty("subject").GetString());
        Assert.Contains("10.05", failure.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task LimitOrder_MissingPrice_NamesPriceField()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;

        var problem = await PlaceAsync(api, securityId, new { accountId = "alice-1", side = "sell", quantity = "5" });

        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        var failure = problem.GetProperty("failures")[0];
        Assert.Equal("price", failure.GetProperty("subject").GetString());
        Assert.Contains("\"price\"", failure.GetProperty("hint").GetString());
        Assert.Contains("market", failure.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task Price_TooLarge_AnswersInvalidAmount()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;

        var problem = await PlaceAsync(api, securityId, new { accountId = "alice-1", side = "sell", quantity = "5", price = "999999999999999999999999" });

        Assert.Equal("invalid_amount", problem.GetProperty("code").GetString());
        var failure = problem.GetProperty("failures")[0];
        Assert.Equal("999999999999999999999999", failure.GetProperty("current").GetString());
        Assert.Contains("too large", failure.GetProperty("hint").GetString());
    }
}

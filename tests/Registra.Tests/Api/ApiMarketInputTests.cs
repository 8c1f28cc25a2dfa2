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

    [Fact]
    public async Task MarketSettings_TickFinerThanCurrency_NamesCurrencyDecimals()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;

        using var gold = await api.Operator.PutAsJsonAsync($"/v1/securities/{securityId}/market", new { currency = "XAU", tickSize = "0.05", lotSize = "1" });
        using var dollars = await api.Operator.PutAsJsonAsync($"/v1/securities/{securityId}/market", new { currency = "USD", tickSize = "0.001", lotSize = "1" });

        var goldProblem = await Json(gold);
        Assert.Equal("invalid_granularity", goldProblem.GetProperty("code").GetString());
        var goldHint = goldProblem.GetProperty("failures")[0].GetProperty("hint").GetString();
        Assert.Contains("XAU has no minor unit", goldHint);
        Assert.Contains("\"1\"", goldHint);
        var dollarHint = (await Json(dollars)).GetProperty("failures")[0].GetProperty("hint").GetString();
        Assert.Contains("USD has 2 decimal places", dollarHint);
        Assert.Contains("0.01", dollarHint);
        var market = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/market");
        Assert.Equal("0.05", market.GetProperty("tickSize").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/orders/abc")]
    [InlineData("POST", "/v1/orders/abc:cancel")]
    public async Task Order_NonNumericId_AnswersNotFound(string method, string path)
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
        var failure = problem.GetProperty("failures")[0];
        Assert.Equal("abc", failure.GetProperty("subject").GetString());
        Assert.Contains("order id", failure.GetProperty("hint").GetString());
    }
}

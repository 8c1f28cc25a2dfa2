using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>Problem details that the market endpoints return for bad input, and how the market data stream resumes.</summary>
public sealed class ApiMarketInputTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

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

    [Fact]
    public async Task MarketData_BadLastEventId_IsInvalidArgument()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/securities/{securityId}/market-data");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "xyz");

        using var response = await api.Operator.SendAsync(request);
        var problem = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        Assert.Contains("'xyz'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarketData_ResumeAfterLastTrade_SendsBook()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await api.PostOk($"/v1/securities/{securityId}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10" });
        await api.PostOk($"/v1/securities/{securityId}/orders", new { accountId = "dave-1", side = "buy", quantity = "30", price = "10" });

        var first = await ReadUntilBookAsync(api, securityId, null, timeout.Token);
        var lastTradeId = first.Last(e => e.Name == "trade").Id;
        var resumed = await ReadUntilBookAsync(api, securityId, lastTradeId, timeout.Token);

        Assert.NotNull(lastTradeId);
        Assert.Null(first[^1].Id);
        var book = Assert.Single(resumed);
        Assert.Null(book.Id);
        Assert.Equal("70", book.Data.GetProperty("asks")[0].GetProperty("quantity").GetString());
    }

    [Fact]
    public async Task Trades_Paged_FollowNextLink()
    {
        var (api, securityId) = await ApiMarketScenarioTests.MarketAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10" });
        foreach (var quantity in new[] { "10", "20", "30" })
        {
            await api.PostOk($"/v1/securities/{securityId}/orders", new { accountId = "dave-1", side = "buy", quantity, price = "10" });
        }

        var first = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/trades?limit=2");
        var next = first.GetProperty("next").GetString()!;
        var second = await api.Operator.GetFromJsonAsync<JsonElement>(next);
        using var badCursor = await api.Operator.GetAsync($"/v1/securities/{securityId}/trades?after=abc");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal("30", first.GetProperty("items")[0].GetProperty("quantity").GetString());
        Assert.Equal("20", first.GetProperty("items")[1].GetProperty("quantity").GetString());
        Assert.Equal("10", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("quantity").GetString());
        Assert.False(second.TryGetProperty("next", out var _));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal("invalid_argument", (await Json(badCursor)).GetProperty("code").GetString());
    }

    private sealed record ServerSentEvent(string? Id, string Name, JsonElement Data);

    /// <summary>Opens the stream, resuming after <paramref name="lastEventId"/> when given, and reads events up to the first book event.</summary>
    private static async Task<List<ServerSentEvent>> ReadUntilBookAsync(ApiFixture api, string securityId, string? lastEventId, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/securities/{securityId}/market-data?from=1");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await api.Operator.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        var read = new List<ServerSentEvent>();
        string? id = null;
        var name = string.Empty;
        while (read.Count == 0 || read[^1].Name != "book")
        {
            var line = await reader.ReadLineAsync(token) ?? throw new EndOfStreamException("The market data stream ended early.");
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                read.Add(new ServerSentEvent(id, name, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                id = null;
            }
        }

        return read;
    }
}

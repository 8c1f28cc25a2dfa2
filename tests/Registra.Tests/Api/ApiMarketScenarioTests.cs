using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;
using Registra.Tests.Api.Operations;

namespace Registra.Tests.Api;

/// <summary>The market scenarios through the REST API, as investors and agents would call it.</summary>
public sealed class ApiMarketScenarioTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Alice 1000 and Bob 500 of an acme security that trades in USD with a 0.05 tick and a lot of 1;
    /// Dave is verified and has no units. Each has a USD cash account with 10,000.
    /// </summary>
    internal static async Task<(ApiFixture Api, string SecurityId)> MarketAsync()
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob", "dave");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "500" });
        foreach (var investor in new[] { "alice", "bob", "dave" })
        {
            await api.PostOk("/v1/cash/accounts", new { ownerKind = "identity", ownerId = investor, currency = "USD" });
            await api.PostOk($"/v1/cash/accounts/identity/{investor}/USD/deposits", new { amount = "10000" });
        }

        using var configured = await api.Operator.PutAsJsonAsync($"/v1/securities/{securityId}/market", new { currency = "USD", tickSize = "0.05", lotSize = "1" });
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        return (api, securityId);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Order_Crossing_ReturnsTradeReceipt()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var dave = api.ClientFor(ActorRole.Investor, "dave");

        using var sell = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10.05" });
        using var buy = await dave.PostAsJsonAsync($"/v1/securities/{securityId}/orders", new { accountId = "dave-1", side = "buy", quantity = "40", price = "10.10" });

        Assert.Equal(HttpStatusCode.Created, sell.StatusCode);
        Assert.Equal("resting", (await Json(sell)).GetProperty("status").GetString());
        var receipt = await Json(buy);
        Assert.Equal("filled", receipt.GetProperty("status").GetString());
        Assert.Equal("10.05", receipt.GetProperty("trades")[0].GetProperty("price").GetString());
        Assert.Equal("402", receipt.GetProperty("trades")[0].GetProperty("value").GetString());
        var cash = await dave.GetFromJsonAsync<JsonElement>("/v1/cash/accounts/identity/dave/USD");
        Assert.Equal("9598", cash.GetProperty("balance").GetString());
        var market = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/market");
        Assert.Equal("10.05", market.GetProperty("bestOffer").GetProperty("price").GetString());
        Assert.Equal("60", market.GetProperty("bestOffer").GetProperty("quantity").GetString());
        var position = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");
        Assert.Equal("960", position.GetProperty("balance").GetString());
        Assert.Equal("60", position.GetProperty("held").GetString());
        Assert.Equal("900", position.GetProperty("spendable").GetString());
        var trades = await dave.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/trades");
        Assert.Equal("40", trades.GetProperty("items")[0].GetProperty("quantity").GetString());
        Assert.Equal("buy", trades.GetProperty("items")[0].GetProperty("aggressor").GetString());
    }

    [Fact]
    public async Task MarketSettings_StaleIfMatch_Answers412()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        using var read = await api.Operator.GetAsync($"/v1/securities/{securityId}/market");

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{securityId}/market") { Content = JsonContent.Create(new { currency = "EUR", tickSize = "0.01", lotSize = "1" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"v0\"");
        using var rejected = await api.Operator.SendAsync(stale);
        using var fresh = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{securityId}/market") { Content = JsonContent.Create(new { currency = "EUR", tickSize = "0.01", lotSize = "1" }) };
        fresh.Headers.IfMatch.Add(read.Headers.ETag!);
        using var accepted = await api.Operator.SendAsync(fresh);

        Assert.Equal("\"v1\"", read.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("EUR", (await Json(accepted)).GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Order_BadInput_AnswersProblemAndChangesNothing()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var orders = $"/v1/securities/{securityId}/orders";

        var cases = new (object Body, string Path, string Code)[]
        {
            (new { accountId = "alice-1", side = "sell", quantity = "0", price = "10" }, orders, "invalid_amount"),
            (new { accountId = "alice-1", side = "sell", quantity = "-5", price = "10" }, orders, "invalid_amount"),
            (new { accountId = "alice-1", side = "sell", quantity = "5", price = "10.03" }, orders, "price_off_tick"),
            (new { accountId = "alice-1", side = "sell", quantity = "5", price = "-10" }, orders, "invalid_amount"),
            (new { accountId = "alice-1", side = "sell", quantity = "5", price = "10" }, "/v1/securities/nope/orders", "not_found"),
            (new { accountId = "alice-1", side = "sideways", quantity = "5", price = "10" }, orders, "invalid_argument"),
        };
        foreach (var (body, path, code) in cases)
        {
            using var response = await alice.PostAsJsonAsync(path, body);
            var problem = await Json(response);
            Assert.True(code == problem.GetProperty("code").GetString(), $"{JsonSerializer.Serialize(body)}: {problem}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await api.PostOk($"/v1/securities/{securityId}:pause", new { });
        using var paused = await alice.PostAsJsonAsync(orders, new { accountId = "alice-1", side = "sell", quantity = "5", price = "10" });
        Assert.Equal("security_paused", (await Json(paused)).GetProperty("code").GetString());

        var book = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/book");
        Assert.Equal(0, book.GetProperty("asks").GetArrayLength());
        var position = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");
        Assert.Equal("0", position.GetProperty("held").GetString());
    }

    [Fact]
    public async Task Order_WithIdempotencyKey_PlacesOnce()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var body = new { accountId = "alice-1", side = "sell", quantity = "100", price = "10" };

        using var first = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/orders", body, "order-1");
        using var retry = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/orders", body, "order-1");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        var book = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/book");
        Assert.Equal(1, book.GetProperty("asks")[0].GetProperty("orders").GetInt32());
    }

    [Fact]
    public async Task Order_CancelByOwner_RemovesIt()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var bob = api.ClientFor(ActorRole.Investor, "bob");
        using var sell = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10" });
        var orderId = (await Json(sell)).GetProperty("orderId").GetInt64();

        using var read = await bob.GetAsync($"/v1/orders/{orderId}");
        using var byBob = await bob.PostAsync($"/v1/orders/{orderId}:cancel", null);
        using var own = await alice.GetAsync($"/v1/orders/{orderId}");
        using var byAlice = await alice.PostAsync($"/v1/orders/{orderId}:cancel", null);
        using var again = await alice.PostAsync($"/v1/orders/{orderId}:cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byBob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAlice.StatusCode);
        Assert.Equal("order_not_open", (await Json(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task FillOrKill_MaxBalanceMidFill_ChangesNothing()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        await api.PutRulesAsync(securityId, new { type = "identity_verified", claimTypes = new[] { "kyc" } }, new { type = "max_balance", max = "100" });
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var dave = api.ClientFor(ActorRole.Investor, "dave");

        // Each bid of 60 fits Dave's cap of 100 alone; a sell that takes both would leave him with 120.
        using var firstBid = await dave.PostAsJsonAsync($"/v1/securities/{securityId}/orders", new { accountId = "dave-1", side = "buy", quantity = "60", price = "10" });
        using var secondBid = await dave.PostAsJsonAsync($"/v1/securities/{securityId}/orders", new { accountId = "dave-1", side = "buy", quantity = "60", price = "9.95" });
        var bookBefore = await api.Operator.GetStringAsync($"/v1/securities/{securityId}/book");
        using var fillOrKill = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/orders",
            new { accountId = "alice-1", side = "sell", quantity = "120", price = "9.95", timeInForce = "fill_or_kill" });
        var problem = await Json(fillOrKill);

        Assert.Equal(HttpStatusCode.Conflict, fillOrKill.StatusCode);
        Assert.Equal("fill_or_kill_unfilled", problem.GetProperty("code").GetString());
        Assert.Equal(["fill_or_kill_unfilled"], problem.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal("60", problem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.Equal(bookBefore, await api.Operator.GetStringAsync($"/v1/securities/{securityId}/book"));
        Assert.Equal("1000", (await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1")).GetProperty("balance").GetString());
        Assert.Empty((await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/trades")).GetProperty("items").EnumerateArray());
        Assert.Equal("10000", (await alice.GetFromJsonAsync<JsonElement>("/v1/cash/accounts/identity/alice/USD")).GetProperty("balance").GetString());
    }

    [Fact]
    public async Task ApprovalEscrow_HoldsThenCancels()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        await api.PutRulesAsync(securityId, new { type = "identity_verified", claimTypes = new[] { "kyc" } }, new { type = "issuer_approval" });
        var alice = api.ClientFor(ActorRole.Investor, "alice");

        using var queued = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        var held = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");
        using var cancelled = await alice.PostAsync(queued.Headers.Location + ":cancel", null);
        var after = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("900", held.GetProperty("spendable").GetString());
        Assert.Equal(HttpStatusCode.Created, cancelled.StatusCode);
        Assert.Equal("1000", after.GetProperty("spendable").GetString());
    }

    [Fact]
    public async Task Hold_PartialExecute_ThroughApi()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var bob = api.ClientFor(ActorRole.Investor, "bob");

        using var created = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/holds",
            new { id = "h-1", from = "alice-1", to = "bob-1", amount = "600", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        using var tooMuch = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/holds",
            new { id = "h-2", from = "alice-1", to = "bob-1", amount = "401", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        using var executed = await bob.PostAsJsonAsync("/v1/holds/h-1:execute", new { amount = "400" });
        var hold = await bob.GetFromJsonAsync<JsonElement>("/v1/holds/h-1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("insufficient_spendable_balance", (await Json(tooMuch)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, executed.StatusCode);
        Assert.Equal("executed", hold.GetProperty("status").GetString());
        var position = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");
        Assert.Equal("600", position.GetProperty("spendable").GetString());
    }

    [Fact]
    public async Task Hold_PastExpiry_IsReleasedByServer()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");

        using var created = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/holds",
            new { id = "h-1", from = "alice-1", to = "bob-1", amount = "600", expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) });
        var before = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");
        var hold = await alice.GetFromJsonAsync<JsonElement>("/v1/holds/h-1");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (hold.GetProperty("status").GetString() == "open" && waited.Elapsed < ReadTimeout)
        {
            await Task.Delay(200);
            hold = await alice.GetFromJsonAsync<JsonElement>("/v1/holds/h-1");
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("400", before.GetProperty("spendable").GetString());
        Assert.Equal("expired", hold.GetProperty("status").GetString());
        Assert.Equal("0", hold.GetProperty("remaining").GetString());
        var position = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/alice-1");
        Assert.Equal("1000", position.GetProperty("spendable").GetString());
        var listed = await alice.GetFromJsonAsync<JsonElement>("/v1/identities/alice/holds?status=expired");
        Assert.Equal("h-1", Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Settlement_DeliveryVersusDelivery_ThroughApi()
    {
        var (api, a) = await MarketAsync();
        await using var _ = api;
        var b = (await api.PostOk("/v1/securities", new { issuerId = "acme", name = "Acme Bravo", assetClass = "fund_unit", decimals = 0 })).GetProperty("id").GetString()!;
        await api.PostOk($"/v1/securities/{b}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        await api.PostOk($"/v1/securities/{b}/issuances", new { accountId = "bob-1", amount = "500" });
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var bob = api.ClientFor(ActorRole.Investor, "bob");
        var legs = new[]
        {
            new { securityId = a, from = "alice-1", to = "bob-1", amount = "990" },
            new { securityId = a, from = "alice-1", to = "dave-1", amount = "10" },
            new { securityId = b, from = "bob-1", to = "alice-1", amount = "490" },
            new { securityId = b, from = "bob-1", to = "dave-1", amount = "10" },
        };

        await alice.PostAsJsonAsync("/v1/settlement-instructions", new { id = "dvd-1", legs, expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        using var early = await alice.PostAsync("/v1/settlement-instructions/dvd-1:settle", null);
        foreach (var (client, party) in new[] { (alice, "alice"), (bob, "bob"), (api.ClientFor(ActorRole.Investor, "dave"), "dave") })
        {
            using var affirmed = await client.PostAsJsonAsync("/v1/settlement-instructions/dvd-1:affirm", new { partyId = party });
            Assert.Equal(HttpStatusCode.Created, affirmed.StatusCode);
        }

        using var settled = await bob.PostAsync("/v1/settlement-instructions/dvd-1:settle", null);
        using var twice = await bob.PostAsync("/v1/settlement-instructions/dvd-1:settle", null);
        var view = await alice.GetFromJsonAsync<JsonElement>("/v1/settlement-instructions/dvd-1");

        Assert.Equal("instruction_not_affirmed", (await Json(early)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, settled.StatusCode);
        Assert.Equal("instruction_not_open", (await Json(twice)).GetProperty("code").GetString());
        Assert.Equal("settled", view.GetProperty("status").GetString());
        Assert.Equal("490", (await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{b}/positions/alice-1")).GetProperty("balance").GetString());
        Assert.Equal("1490", (await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{a}/positions/bob-1")).GetProperty("balance").GetString());
    }

    [Fact]
    public async Task Settlement_CashLeg_ThroughApi()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var legs = new object[]
        {
            new { securityId, from = "alice-1", to = "dave-1", amount = "10" },
            new { currency = "USD", from = "dave", to = "alice", amount = "100.50" },
        };
        await api.PostOk("/v1/settlement-instructions", new { id = "dvp-1", legs, expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        await api.PostOk("/v1/settlement-instructions/dvp-1:affirm", new { partyId = "alice" });
        await api.PostOk("/v1/settlement-instructions/dvp-1:affirm", new { partyId = "dave" });

        using var both = await api.Operator.PostAsJsonAsync("/v1/settlement-instructions", new
        {
            id = "bad-1",
            legs = new[] { new { securityId, currency = "USD", from = "dave", to = "alice", amount = "1" } },
            expiresAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        await api.PostOk("/v1/settlement-instructions/dvp-1:settle", new { });
        var view = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/settlement-instructions/dvp-1");
        var dave = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/cash/accounts/identity/dave/USD");

        Assert.Equal("invalid_argument", (await Json(both)).GetProperty("code").GetString());
        Assert.Equal("settled", view.GetProperty("status").GetString());
        Assert.Equal("100.5", view.GetProperty("legs")[1].GetProperty("amount").GetString());
        Assert.Equal("9899.5", dave.GetProperty("balance").GetString());
    }

    [Fact]
    public async Task MarketData_Stream_DeliversTradesAndBook()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var dave = api.ClientFor(ActorRole.Investor, "dave");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/securities/{securityId}/market-data");
        using var response = await dave.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        await api.PostOk($"/v1/securities/{securityId}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10" });
        await api.PostOk($"/v1/securities/{securityId}/orders", new { accountId = "dave-1", side = "buy", quantity = "30", price = "10" });
        var messages = await ReadUntilBookAfterTradeAsync(reader, timeout.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var trade = Assert.Single(messages, m => m.Name == "trade");
        Assert.Equal("30", trade.Data.GetProperty("quantity").GetString());
        Assert.Equal("10", trade.Data.GetProperty("price").GetString());
        var book = messages[^1];
        Assert.Equal("10", book.Data.GetProperty("asks")[0].GetProperty("price").GetString());
        Assert.Equal("70", book.Data.GetProperty("asks")[0].GetProperty("quantity").GetString());
    }

    private sealed record ServerSentEvent(string Name, JsonElement Data);

    /// <summary>Reads events until a book event follows a trade event; returns every event read.</summary>
    private static async Task<List<ServerSentEvent>> ReadUntilBookAfterTradeAsync(StreamReader reader, CancellationToken token)
    {
        var read = new List<ServerSentEvent>();
        var eventName = string.Empty;
        while (read.Count == 0 || read[^1].Name != "book" || !read.Any(m => m.Name == "trade"))
        {
            var line = await reader.ReadLineAsync(token) ?? throw new EndOfStreamException("The market data stream ended early.");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                read.Add(new ServerSentEvent(eventName, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
            }
        }

        return read;
    }
}

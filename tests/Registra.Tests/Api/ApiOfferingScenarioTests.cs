using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>Primary offerings through the REST API, as an issuer's agent and investors would call it.</summary>
public sealed class ApiOfferingScenarioTests
{
    /// <summary>
    /// An acme security of which Alice holds 1000 and Bob 500, with verified Dave holding none. Each
    /// has a USD cash account with 10,000 and acme has an empty USD operating account.
    /// </summary>
    private static async Task<(ApiFixture Api, string SecurityId, HttpClient Agent)> WorldAsync()
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob", "dave");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "500" });
        await api.PutRulesAsync(securityId, new { type = "identity_verified", claimTypes = new[] { "kyc" } });
        foreach (var investor in new[] { "alice", "bob", "dave" })
        {
            await api.PostOk("/v1/cash/accounts", new { ownerKind = "identity", ownerId = investor, currency = "USD" });
            await api.PostOk($"/v1/cash/accounts/identity/{investor}/USD/deposits", new { amount = "10000" });
        }

        await api.PostOk("/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "USD" });
        return (api, securityId, api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Supply));
    }

    private static object Terms(ApiFixture api, string id = "ipo-1", string price = "10", string cap = "1000") =>
        new { id, currency = "USD", price, cap, opensAt = api.Clock.GetUtcNow().AddMinutes(-1), closesAt = api.Clock.GetUtcNow().AddDays(7) };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> CashAsync(ApiFixture api, string identityId) =>
        (await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/cash/accounts/identity/{identityId}/USD")).GetProperty("balance").GetString()!;

    private static async Task<string> CodeOf(HttpResponseMessage response) => (await Json(response)).GetProperty("code").GetString()!;

    [Fact]
    public async Task Oversubscribed_Close_AllocatesProRataOverHttp()
    {
        var (api, securityId, agent) = await WorldAsync();
        await using var _ = api;
        using var opened = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/offerings", Terms(api));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal("/v1/offerings/ipo-1", opened.Headers.Location?.OriginalString);
        foreach (var (investor, quantity) in new[] { ("alice", "600"), ("bob", "500"), ("dave", "400") })
        {
            using var subscribed = await api.ClientFor(ActorRole.Investor, investor).PostAsJsonAsync("/v1/offerings/ipo-1/subscriptions", new { accountId = investor + "-1", quantity });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        Assert.Equal("4000", await CashAsync(api, "alice"));
        api.Clock.Advance(TimeSpan.FromDays(8));
        using var closed = await agent.PostAsJsonAsync("/v1/offerings/ipo-1:close", new { });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var receipt = await Json(closed);
        Assert.Equal("settled", receipt.GetProperty("offering").GetProperty("status").GetString());
        Assert.Equal("1000", receipt.GetProperty("offering").GetProperty("allocated").GetString());
        Assert.Equal("10000", receipt.GetProperty("offering").GetProperty("raised").GetString());
        Assert.Equal(0, receipt.GetProperty("ineligible").GetArrayLength());
        var allocations = (await agent.GetFromJsonAsync<JsonElement>("/v1/offerings/ipo-1/allocations")).GetProperty("items");
        Assert.Equal(["400", "333", "267"], allocations.EnumerateArray().Select(a => a.GetProperty("allocated").GetString()!).ToArray());
        Assert.Equal("4000", allocations[0].GetProperty("paid").GetString());
        Assert.Equal("2000", allocations[0].GetProperty("refund").GetString());
        Assert.Equal("allocated", allocations[0].GetProperty("outcome").GetString());
        Assert.Equal("6000", await CashAsync(api, "alice"));
        Assert.Equal("7330", await CashAsync(api, "dave"));
        var issuer = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/cash/accounts/issuer/acme/USD");
        Assert.Equal("10000", issuer.GetProperty("balance").GetString());
        var dave = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/dave-1");
        Assert.Equal("267", dave.GetProperty("balance").GetString());

        // An investor sees only its own allocation, and no totals of the offering.
        var own = (await api.ClientFor(ActorRole.Investor, "dave").GetFromJsonAsync<JsonElement>("/v1/offerings/ipo-1/allocations")).GetProperty("items");
        Assert.Equal("dave", own.EnumerateArray().Single().GetProperty("identityId").GetString());
        var publicView = await api.ClientFor(ActorRole.Investor, "dave").GetFromJsonAsync<JsonElement>("/v1/offerings/ipo-1");
        Assert.False(publicView.TryGetProperty("raised", out var raised), $"an investor sees raised {raised}");
        Assert.Equal("settled", publicView.GetProperty("status").GetString());
    }

    [Fact]
    public async Task IneligibleAtClose_Close_NamesSubscriber()
    {
        var (api, securityId, agent) = await WorldAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}/offerings", Terms(api));
        await api.PostOk("/v1/offerings/ipo-1/subscriptions", new { accountId = "dave-1", quantity = "100" });
        await api.PostOk("/v1/identities/dave/claims/kyc:revoke", new { });

        using var closed = await agent.PostAsJsonAsync("/v1/offerings/ipo-1:close", new { early = true });

        var ineligible = (await Json(closed)).GetProperty("ineligible").EnumerateArray().Single();
        Assert.Equal("dave", ineligible.GetProperty("identityId").GetString());
        Assert.Equal("ineligible", ineligible.GetProperty("outcome").GetString());
        Assert.Equal("receiver_not_verified", ineligible.GetProperty("reason").GetString());
        Assert.Equal("1000", ineligible.GetProperty("refund").GetString());
        Assert.Equal("10000", await CashAsync(api, "dave"));
    }

    [Theory]
    [InlineData("10.001", "1000", "invalid_granularity")]
    [InlineData("-10", "1000", "invalid_amount")]
    [InlineData("0", "1000", "invalid_amount")]
    [InlineData("10", "0", "invalid_amount")]
    [InlineData("10", "1.5", "invalid_granularity")]
    [InlineData("ten", "1000", "invalid_amount")]
    public async Task BadTerms_Open_Answers400(string price, string cap, string code)
    {
        var (api, securityId, agent) = await WorldAsync();
        await using var _ = api;

        using var response = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/offerings", Terms(api, price: price, cap: cap));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await CodeOf(response));
        using var read = await agent.GetAsync("/v1/offerings/ipo-1");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task BadSubscriptions_AreRejected_AndMoveNoCash()
    {
        var (api, securityId, _) = await WorldAsync();
        await using var __ = api;
        await api.PostOk($"/v1/securities/{securityId}/offerings", Terms(api, price: "12.5"));
        var dave = api.ClientFor(ActorRole.Investor, "dave");
        var cases = new (object Body, string Path, HttpStatusCode Status, string Code)[]
        {
            (new { accountId = "dave-1", quantity = "0" }, "/v1/offerings/ipo-1/subscriptions", HttpStatusCode.BadRequest, "invalid_amount"),
            (new { accountId = "dave-1", quantity = "-5" }, "/v1/offerings/ipo-1/subscriptions", HttpStatusCode.BadRequest, "invalid_amount"),
            (new { accountId = "dave-1", quantity = "1.5" }, "/v1/offerings/ipo-1/subscriptions", HttpStatusCode.BadRequest, "invalid_granularity"),
            (new { accountId = "dave-1", quantity = "1001" }, "/v1/offerings/ipo-1/subscriptions", HttpStatusCode.Conflict, "above_maximum_subscription"),
            (new { accountId = "dave-1", quantity = "1000" }, "/v1/offerings/ipo-1/subscriptions", HttpStatusCode.Conflict, "insufficient_cash"),
            (new { accountId = "dave-1", quantity = "10" }, "/v1/offerings/nope/subscriptions", HttpStatusCode.NotFound, "not_found"),
            (new { accountId = "bob-1", quantity = "10" }, "/v1/offerings/ipo-1/subscriptions", HttpStatusCode.Forbidden, "permission_denied"),
        };

        foreach (var (body, path, status, code) in cases)
        {
            using var response = await dave.PostAsJsonAsync(path, body);
            Assert.True(status == response.StatusCode, $"{JsonSerializer.Serialize(body)} to {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(code, await CodeOf(response));
        }

        using var malformed = await dave.PostAsync("/v1/offerings/ipo-1/subscriptions", new StringContent("{\"accountId\":\"dave-1\",\"quantity\":5}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("10000", await CashAsync(api, "dave"));
        var offering = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/offerings/ipo-1");
        Assert.Equal("0", offering.GetProperty("escrow").GetString());
        Assert.Equal(0, offering.GetProperty("subscribers").GetInt32());
    }

    [Fact]
    public async Task ClosedWindow_Subscription_Answers409()
    {
        var (api, securityId, agent) = await WorldAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}/offerings", Terms(api));
        var dave = api.ClientFor(ActorRole.Investor, "dave");
        using var subscribed = await dave.PostAsJsonAsync("/v1/offerings/ipo-1/subscriptions", new { accountId = "dave-1", quantity = "100" });
        using var early = await agent.PostAsJsonAsync("/v1/offerings/ipo-1:close", new { });
        api.Clock.Advance(TimeSpan.FromDays(8));

        using var late = await dave.PostAsJsonAsync("/v1/offerings/ipo-1/subscriptions/dave:amend", new { quantity = "200" });
        using var withdraw = await dave.PostAsync("/v1/offerings/ipo-1/subscriptions/dave:withdraw", null);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("subscription_window_still_open", await CodeOf(early));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("subscription_window_closed", await CodeOf(late));
        Assert.Equal("subscription_window_closed", await CodeOf(withdraw));
        Assert.Equal("9000", await CashAsync(api, "dave"));
    }

    [Fact]
    public async Task AmendAndWithdraw_MoveCashBack()
    {
        var (api, securityId, _) = await WorldAsync();
        await using var __ = api;
        await api.PostOk($"/v1/securities/{securityId}/offerings", Terms(api));
        var dave = api.ClientFor(ActorRole.Investor, "dave");
        await dave.PostAsJsonAsync("/v1/offerings/ipo-1/subscriptions", new { accountId = "dave-1", quantity = "300" });

        using var amended = await dave.PostAsJsonAsync("/v1/offerings/ipo-1/subscriptions/dave:amend", new { quantity = "100" });
        var afterAmend = await CashAsync(api, "dave");
        using var read = await dave.GetAsync("/v1/offerings/ipo-1/subscriptions/dave");
        using var withdrawn = await dave.PostAsync("/v1/offerings/ipo-1/subscriptions/dave:withdraw", null);

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal("1000", (await Json(amended)).GetProperty("cash").GetString());
        Assert.Equal("9000", afterAmend);
        Assert.NotNull(read.Headers.ETag);
        Assert.Equal("1000", (await Json(withdrawn)).GetProperty("refunded").GetString());
        Assert.Equal("10000", await CashAsync(api, "dave"));
        using var gone = await dave.GetAsync("/v1/offerings/ipo-1/subscriptions/dave");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Subscription_SameIdempotencyKey_DebitsOnce()
    {
        var (api, securityId, _) = await WorldAsync();
        await using var __ = api;
        await api.PostOk($"/v1/securities/{securityId}/offerings", Terms(api));
        var dave = api.ClientFor(ActorRole.Investor, "dave");

        var bodies = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/offerings/ipo-1/subscriptions") { Content = JsonContent.Create(new { accountId = "dave-1", quantity = "100" }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "subscribe-dave-1");
            using var response = await dave.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal("9000", await CashAsync(api, "dave"));
    }

    [Fact]
    public async Task Offering_Events_AppearInEventStream()
    {
        var (api, securityId, agent) = await WorldAsync();
        await using var _ = api;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await api.PostOk($"/v1/securities/{securityId}/offerings", Terms(api));
        await api.PostOk("/v1/offerings/ipo-1/subscriptions", new { accountId = "dave-1", quantity = "100" });
        await agent.PostAsJsonAsync("/v1/offerings/ipo-1:close", new { early = true });

        using var reader = await ApiEventStreamTests.OpenAsync(agent, null, timeout.Token);
        var events = await ApiEventStreamTests.ReadUntilAsync(reader, "OfferingAllocationsRecorded", 1, timeout.Token, all: true);

        var names = events.Select(e => e.Name).ToList();
        Assert.Contains("OfferingOpened", names);
        Assert.Contains("SubscriptionPlaced", names);
        Assert.Contains("OfferingClosed", names);
        var issued = events.Last(e => e.Name == "Issued");
        Assert.Equal("dave-1", issued.Data.GetProperty("event").GetProperty("accountId").GetString());
        var placed = events.Single(e => e.Name == "SubscriptionPlaced");
        Assert.Equal("100", placed.Data.GetProperty("event").GetProperty("quantity").GetString());
    }
}

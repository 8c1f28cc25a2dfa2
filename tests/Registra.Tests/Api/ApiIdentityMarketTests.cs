using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>An identity's own orders, holds and settlement instructions through the REST API.</summary>
public sealed class ApiIdentityMarketTests
{
    /// <summary>
    /// Alice 1000 and Bob 500 of an acme security trading in USD (tick 0.05, lot 1), Dave verified
    /// with none. Each has 10,000 USD. Returns the API and the security id.
    /// </summary>
    private static async Task<(ApiFixture Api, string SecurityId)> MarketAsync()
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

    private static async Task<long> PlaceAsync(HttpClient client, string securityId, object order)
    {
        using var response = await client.PostAsJsonAsync($"/v1/securities/{securityId}/orders", order);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("orderId").GetInt64();
    }

    private static List<long> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();

    private static List<string> StringIds(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Orders_OpenAndClosed_NewestFirst()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var dave = api.ClientFor(ActorRole.Investor, "dave");
        var filled = await PlaceAsync(alice, securityId, new { accountId = "alice-1", side = "sell", quantity = "40", price = "10.05" });
        await PlaceAsync(dave, securityId, new { accountId = "dave-1", side = "buy", quantity = "40", price = "10.10" });
        var cancelled = await PlaceAsync(alice, securityId, new { accountId = "alice-1", side = "sell", quantity = "10", price = "12" });
        using var cancel = await alice.PostAsync($"/v1/orders/{cancelled}:cancel", null);
        var open = await PlaceAsync(alice, securityId, new { accountId = "alice-1", side = "sell", quantity = "25", price = "11" });

        var all = await alice.GetFromJsonAsync<JsonElement>("/v1/identities/alice/orders");
        var onlyOpen = await alice.GetFromJsonAsync<JsonElement>("/v1/identities/alice/orders?status=open");
        var onlyFilled = await alice.GetFromJsonAsync<JsonElement>($"/v1/identities/alice/orders?status=filled&securityId={securityId}");
        var otherSecurity = await alice.GetFromJsonAsync<JsonElement>("/v1/identities/alice/orders?securityId=sec_0000000000000000");

        Assert.Equal([open, cancelled, filled], Ids(all));
        Assert.Equal([open], Ids(onlyOpen));
        Assert.Equal([filled], Ids(onlyFilled));
        Assert.Empty(Ids(otherSecurity));
        var items = all.GetProperty("items");
        Assert.Equal("open", items[0].GetProperty("status").GetString());
        Assert.Equal("11", items[0].GetProperty("price").GetString());
        Assert.Equal("25", items[0].GetProperty("remaining").GetString());
        Assert.Equal("cancelled", items[1].GetProperty("status").GetString());
        Assert.Equal("cancelled", items[1].GetProperty("cancelReason").GetString());
        Assert.Equal("filled", items[2].GetProperty("status").GetString());
        Assert.Equal("40", items[2].GetProperty("filled").GetString());
        Assert.Equal("402", items[2].GetProperty("filledValue").GetString());
        Assert.Equal("USD", items[2].GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.String, items[2].GetProperty("closedAt").ValueKind);
    }

    [Fact]
    public async Task Orders_Pagination_FollowsNextLink()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var placed = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add(await PlaceAsync(alice, securityId, new { accountId = "alice-1", side = "sell", quantity = "1", price = "20" }));
        }

        var first = await alice.GetFromJsonAsync<JsonElement>("/v1/identities/alice/orders?limit=2");
        var second = await alice.GetFromJsonAsync<JsonElement>(first.GetProperty("next").GetString()!);
        var third = await alice.GetFromJsonAsync<JsonElement>(second.GetProperty("next").GetString()!);

        Assert.Equal([placed[4], placed[3]], Ids(first));
        Assert.Equal([placed[2], placed[1]], Ids(second));
        Assert.Equal([placed[0]], Ids(third));
        Assert.False(third.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Orders_OtherCallers_SeeOnlyTheirScope()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        await PlaceAsync(alice, securityId, new { accountId = "alice-1", side = "sell", quantity = "5", price = "20" });
        await api.PostOk("/v1/issuers", new { id = "globex", name = "Globex" });

        using var byBob = await api.ClientFor(ActorRole.Investor, "bob").GetAsync("/v1/identities/alice/orders");
        using var byOtherAgent = await api.ClientFor(ActorRole.IssuerAgent, "globex", Permissions.All).GetAsync("/v1/identities/alice/orders");
        using var byClaimIssuer = await api.ClientFor(ActorRole.ClaimIssuer, "kyc-co").GetAsync("/v1/identities/alice/orders");
        var byAgent = await api.ClientFor(ActorRole.IssuerAgent, "acme").GetFromJsonAsync<JsonElement>("/v1/identities/alice/orders");
        var byAuditor = await api.ClientFor(ActorRole.Auditor, "acme").GetFromJsonAsync<JsonElement>("/v1/identities/alice/orders");
        using var unknown = await api.Operator.GetAsync("/v1/identities/nobody/orders");

        Assert.Equal(HttpStatusCode.NotFound, byBob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherAgent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byClaimIssuer.StatusCode);
        Assert.Single(Ids(byAgent));
        Assert.Single(Ids(byAuditor));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Orders_BadQuery_IsRejected()
    {
        var (api, _) = await MarketAsync();
        await using var __ = api;

        using var badStatus = await api.Operator.GetAsync("/v1/identities/alice/orders?status=resting");
        using var badCursor = await api.Operator.GetAsync("/v1/identities/alice/orders?after=latest");
        var badStatusProblem = await badStatus.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal("invalid_argument", badStatusProblem.GetProperty("code").GetString());
        Assert.Contains("open, filled, cancelled", badStatusProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task Holds_OfIdentity_BothSides()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var bob = api.ClientFor(ActorRole.Investor, "bob");
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1);
        await api.PostOk($"/v1/securities/{securityId}/holds", new { id = "h-1", from = "alice-1", to = "bob-1", amount = "10", expiresAt });
        await api.PostOk($"/v1/securities/{securityId}/holds", new { id = "h-2", from = "bob-1", to = "dave-1", amount = "5", expiresAt });
        await api.PostOk("/v1/holds/h-2:release", new { });

        var ofAlice = await alice.GetFromJsonAsync<JsonElement>("/v1/identities/alice/holds");
        var ofBob = await bob.GetFromJsonAsync<JsonElement>("/v1/identities/bob/holds");
        var bobOpen = await bob.GetFromJsonAsync<JsonElement>("/v1/identities/bob/holds?status=open");
        var bobPage = await bob.GetFromJsonAsync<JsonElement>("/v1/identities/bob/holds?limit=1");
        using var bobByAlice = await alice.GetAsync("/v1/identities/bob/holds");
        using var badStatus = await alice.GetAsync("/v1/identities/alice/holds?status=pending");

        Assert.Equal(["h-1"], StringIds(ofAlice));
        Assert.Equal(["h-1", "h-2"], StringIds(ofBob));
        Assert.Equal(["h-1"], StringIds(bobOpen));
        Assert.Equal("/v1/identities/bob/holds?limit=1&after=h-1", bobPage.GetProperty("next").GetString());
        Assert.Equal(HttpStatusCode.NotFound, bobByAlice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task Instructions_OfIdentity_PartiesAndMediator()
    {
        var (api, securityId) = await MarketAsync();
        await using var _ = api;
        var dave = api.ClientFor(ActorRole.Investor, "dave");
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1);
        var legs = new[] { new { securityId, from = "alice-1", to = "bob-1", amount = "10" } };
        await api.PostOk("/v1/settlement-instructions", new { id = "i-1", legs, expiresAt, mediatorId = "dave" });
        await api.PostOk("/v1/settlement-instructions", new { id = "i-2", legs, expiresAt });
        await api.PostOk("/v1/settlement-instructions/i-2:cancel", new { });

        var ofDave = await dave.GetFromJsonAsync<JsonElement>("/v1/identities/dave/settlement-instructions");
        var ofAlice = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/identities/alice/settlement-instructions");
        var aliceCancelled = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/identities/alice/settlement-instructions?status=cancelled");
        using var badStatus = await api.Operator.GetAsync("/v1/identities/alice/settlement-instructions?status=done");

        Assert.Equal(["i-1"], StringIds(ofDave));
        Assert.Equal(["i-1", "i-2"], StringIds(ofAlice));
        Assert.Equal(["i-2"], StringIds(aliceCancelled));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }
}

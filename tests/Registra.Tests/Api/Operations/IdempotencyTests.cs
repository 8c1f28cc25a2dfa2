using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api.Operations;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Transfer_SameKeyTwice_ReplaysAndDebitsOnce()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        var body = new { from = "alice-1", to = "bob-1", amount = "100" };

        using var first = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", body, "K");
        using var second = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", body, "K");
        var firstBody = await first.Content.ReadAsStringAsync();
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.True(first.IsSuccessStatusCode, firstBody);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("900", await Balance(api, securityId, "alice-1"));
        Assert.Equal("100", await Balance(api, securityId, "bob-1"));
    }

    [Fact]
    public async Task Transfer_SameKeyOtherAmount_Is422AndMovesNothing()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        using var first = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" }, "K");

        using var reused = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "150" }, "K");
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(first.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idempotency_key_reused", problem.GetProperty("code").GetString());
        Assert.Equal("/v1/problems/idempotency_key_reused", problem.GetProperty("type").GetString());
        Assert.Equal("900", await Balance(api, securityId, "alice-1"));
        Assert.Equal("100", await Balance(api, securityId, "bob-1"));
    }

    [Fact]
    public async Task Transfer_TenConcurrentSameKey_SettleOnce()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        var body = new { from = "alice-1", to = "bob-1", amount = "100" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", body, "concurrent-K")));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));

        Assert.All(responses, response => Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}"));
        Assert.Single(bodies.Distinct());
        Assert.Equal(9, responses.Count(response => response.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal("900", await Balance(api, securityId, "alice-1"));
        Assert.Equal("100", await Balance(api, securityId, "bob-1"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Key_OfAnotherCaller_RunsSeparately()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        var otherOperator = api.ClientFor(ActorRole.Operator);
        var body = new { from = "alice-1", to = "bob-1", amount = "100" };

        using var first = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", body, "shared");
        using var second = await PostWithKey(otherOperator, $"/v1/securities/{securityId}/transfers", body, "shared");

        Assert.True(first.IsSuccessStatusCode);
        Assert.True(second.IsSuccessStatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("800", await Balance(api, securityId, "alice-1"));
    }

    [Fact]
    public async Task Rejection_IsReplayedToo()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        var body = new { from = "alice-1", to = "bob-1", amount = "11" };

        using var first = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", body, "too-much");
        using var second = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", body, "too-much");

        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Theory]
    [InlineData("tab\tinside")]
    [InlineData("bell\u0007")]
    public async Task Key_Invalid_Is400(string key)
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");

        using var response = await PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" }, key);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Key_TooLong_Is400()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await PostWithKey(api.Operator, "/v1/issuers", new { id = "acme", name = "Acme" }, new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static async Task<HttpResponseMessage> PostWithKey(HttpClient client, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<string?> Balance(ApiFixture api, string securityId, string account)
    {
        var position = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/{account}");
        return position.GetProperty("balance").GetString();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api.Operations;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Key_OverBurst_Gets429WithRetryAfter()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { RateLimitPerSecond = 1, RateLimitBurst = 2 });

        using var first = await api.Operator.GetAsync("/v1/securities");
        using var second = await api.Operator.GetAsync("/v1/securities");
        using var third = await api.Operator.GetAsync("/v1/securities");
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", first.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal("1", first.Headers.GetValues("RateLimit-Reset").Single());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("0", second.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("0", third.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal("2", third.Headers.GetValues("RateLimit-Reset").Single());
    }

    [Fact]
    public async Task Keys_HaveSeparateBuckets()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { RateLimitPerSecond = 1, RateLimitBurst = 1 });
        var other = api.ClientFor(Registra.Access.ActorRole.Auditor);

        using var first = await api.Operator.GetAsync("/v1/securities");
        using var limited = await api.Operator.GetAsync("/v1/securities");
        using var otherKey = await other.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsLimitedByAddress()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { RateLimitPerSecond = 1, RateLimitBurst = 1 });
        var anonymous = api.Client(null);

        using var first = await anonymous.GetAsync("/v1/securities");
        using var second = await anonymous.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task Health_IsNotLimited()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { RateLimitPerSecond = 1, RateLimitBurst = 1 });

        for (var i = 0; i < 5; i++)
        {
            using var response = await api.Client(null).GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit-Limit"));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;
using Registra.Api.Operations;

namespace Registra.Tests.Api.Operations;

public sealed class MetricsAndHealthTests
{
    [Fact]
    public async Task Metrics_AfterRequests_ContainNamedSeries()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        using var missing = await api.Operator.GetAsync("/v1/securities/nope");

        var text = await api.Client(null).GetStringAsync("/metrics");

        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"201\"[^}]*http_route=\"/v1/securities/\\{securityId\\}/issuances\"", text);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"404\"", text);
        Assert.Contains("registra_sequencer_batch_size", text);
        Assert.Contains("registra_journal_commit_duration_seconds_bucket", text);
        Assert.Contains("registra_journal_commit_duration_seconds_bucket{otel_scope_name=\"Registra.Ledger\",le=\"0.001\"}", text);
        Assert.Contains("registra_ledger_height", text);

        // The runtime's meter: collections and their pauses tell whether the garbage collector explains a latency tail.
        Assert.Contains("dotnet_gc_collections_total{", text);
        Assert.Contains("dotnet_gc_pause_time_seconds_total{", text);
        Assert.Contains("dotnet_thread_pool_queue_length{", text);
    }

    [Fact]
    public async Task Metrics_WithRoles_RequireMatchingKey()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { MetricsRoles = "auditor, claim-issuer" });
        await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme Corp" });
        var auditor = api.ClientFor(ActorRole.Auditor);
        using var invalid = api.Client("rk_0000_not-a-key");

        using var anonymous = await api.Client(null).GetAsync("/metrics");
        using var wrongKey = await invalid.GetAsync("/metrics");
        using var operatorRole = await api.Operator.GetAsync("/metrics");
        using var auditorRole = await auditor.GetAsync("/metrics");
        using var live = await api.Client(null).GetAsync("/health/live");
        using var ready = await api.Client(null).GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditorRole.StatusCode);
        Assert.Contains("registra_ledger_height", await auditorRole.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Theory]
    [InlineData("operator", ActorRole.Operator)]
    [InlineData("issuer-agent", ActorRole.IssuerAgent)]
    [InlineData("issuer_agent", ActorRole.IssuerAgent)]
    [InlineData(" Auditor ", ActorRole.Auditor)]
    public void MetricsRoles_RoleSpellings_AreParsed(string text, ActorRole expected)
    {
        var roles = MetricsAccess.ParseRoles(text);

        Assert.Equal([expected], roles);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("operator,1")]
    [InlineData("auditor;operator")]
    public void MetricsRoles_UnknownName_IsRejected(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => MetricsAccess.ParseRoles(text));

        Assert.Contains("is not a role", error.Message);
        Assert.Contains("auditor", error.Message);
    }

    [Fact]
    public void MetricsRoles_Blank_LeavesMetricsOpen()
    {
        Assert.Empty(MetricsAccess.ParseRoles(null));
        Assert.Empty(MetricsAccess.ParseRoles(" , "));
    }

    [Fact]
    public async Task Ready_WhileEngineOpen_IsHealthy()
    {
        await using var api = await ApiFixture.StartAsync();

        using var ready = await api.Client(null).GetAsync("/health/ready");
        using var live = await api.Client(null).GetAsync("/health/live");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("height").GetInt64() >= 0);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
        Assert.Contains("registra_ledger_height", text);
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

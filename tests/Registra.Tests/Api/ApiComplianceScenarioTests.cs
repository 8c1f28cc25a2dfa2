using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api;

/// <summary>Compliance rules edited and enforced through HTTP, with rule-set ETags and If-Match.</summary>
public sealed class ApiComplianceScenarioTests
{
    [Fact]
    public async Task MaxHolders_BlocksThirdHolder()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob", "carol");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "100" });
        await api.PutRulesAsync(securityId, new { type = "max_holders", max = 2 });

        using var issue = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/issuances", new { accountId = "carol-1", amount = "1" });
        using var transfer = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "carol-1", amount = "1" });
        await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });

        Assert.Contains("max_holders_reached", (await issue.ProblemAsync()).FailureCodes());
        Assert.Contains("max_holders_reached", (await transfer.ProblemAsync()).FailureCodes());
        Assert.Equal("0", await api.BalanceAsync(securityId, "carol-1"));
        Assert.Equal("101", await api.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task CountryBlock_RejectsBlockedReceiver()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");
        await api.AddInvestorAsync("kim", "KP");
        await api.AddInvestorAsync("dora", "DE");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        var rules = await api.PutRulesAsync(securityId, new { type = "country", block = new[] { "KP", "IR" } });

        using var blocked = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "kim-1", amount = "1" });
        await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "dora-1", amount = "1" });
        var blockedProblem = await blocked.ProblemAsync();

        Assert.Equal(1, rules.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("country_not_allowed", blockedProblem.Code());
        Assert.Equal("KP", blockedProblem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.Equal("0", await api.BalanceAsync(securityId, "kim-1"));
        Assert.Equal("1", await api.BalanceAsync(securityId, "dora-1"));
    }

    [Fact]
    public async Task CountryRule_UnknownCode_IsRejected()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0);
        using var read = await api.Operator.GetAsync($"/v1/securities/{securityId}/rules");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{securityId}/rules")
        {
            Content = JsonContent.Create(new { rules = new[] { new { type = "country", block = new[] { "XX" } } } }),
        };
        request.Headers.IfMatch.Add(read.Headers.ETag!);

        using var response = await api.Operator.SendAsync(request);
        var problem = await response.ProblemAsync();
        var after = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/rules");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("XX", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rules_RequireCurrentIfMatch()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0);
        var body = new { rules = new[] { new { type = "max_holders", max = 5 } } };
        using var read = await api.Operator.GetAsync($"/v1/securities/{securityId}/rules");
        var etag = read.Headers.ETag!;

        using var missing = await api.Operator.PutAsJsonAsync($"/v1/securities/{securityId}/rules", body);
        using var first = await PutRulesAsync(api, securityId, body, etag.Tag);
        using var stale = await PutRulesAsync(api, securityId, body, etag.Tag);
        using var weak = await PutRulesAsync(api, securityId, body, "W/" + first.Headers.ETag!.Tag);
        var missingProblem = await missing.ProblemAsync();
        var staleProblem = await stale.ProblemAsync();

        Assert.Equal("\"v0\"", etag.Tag);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal("/v1/problems/precondition_required", missingProblem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"v1\"", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("version_mismatch", staleProblem.Code());
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Equal("\"v2\"", weak.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Security_HasStableETag()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");

        using var first = await api.Operator.GetAsync($"/v1/securities/{securityId}");
        using var second = await api.Operator.GetAsync($"/v1/securities/{securityId}");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1" });
        using var changed = await api.Operator.GetAsync($"/v1/securities/{securityId}");

        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Approval_QueuesThenSettlesOnce()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        await api.PutRulesAsync(securityId, new { type = "issuer_approval" });

        using var queued = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "30" });
        var receipt = await queued.Content.ReadFromJsonAsync<JsonElement>();
        var transferId = receipt.GetProperty("id").GetString()!;
        var balanceWhileQueued = await api.BalanceAsync(securityId, "bob-1");
        using var approve = await api.Operator.PostAsJsonAsync($"/v1/queued-transfers/{transferId}:approve", new { });
        using var approveAgain = await api.Operator.PostAsJsonAsync($"/v1/queued-transfers/{transferId}:approve", new { });

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("queued", receipt.GetProperty("status").GetString());
        Assert.Equal($"/v1/queued-transfers/{transferId}", queued.Headers.Location?.OriginalString);
        Assert.Equal("0", balanceWhileQueued);
        Assert.True(approve.IsSuccessStatusCode, $"approve: {(int)approve.StatusCode}");
        Assert.Equal("approval_not_pending", (await approveAgain.ProblemAsync()).Code());
        Assert.Equal("30", await api.BalanceAsync(securityId, "bob-1"));
        Assert.Equal("70", await api.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task Approval_DeniedChangesNothing()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        await api.PutRulesAsync(securityId, new { type = "issuer_approval" });
        var receipt = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "30" });
        var transferId = receipt.GetProperty("id").GetString()!;

        using var deny = await api.Operator.PostAsJsonAsync($"/v1/queued-transfers/{transferId}:deny", new { reason = "missing documents" });
        using var approveAfter = await api.Operator.PostAsJsonAsync($"/v1/queued-transfers/{transferId}:approve", new { });

        Assert.True(deny.IsSuccessStatusCode, $"deny: {(int)deny.StatusCode}");
        Assert.Equal("approval_not_pending", (await approveAfter.ProblemAsync()).Code());
        Assert.Equal("0", await api.BalanceAsync(securityId, "bob-1"));
        Assert.Equal("100", await api.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task Rule144Preset_LocksFreshLots()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });

        var rules = await api.PostOk($"/v1/securities/{securityId}/rules:applyPreset", new { preset = "rule_144", parameters = new { reporting = "false" } });
        using var transfer = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
        using var badPreset = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/rules:applyPreset", new { preset = "rule_144", parameters = new { reporting = "maybe" } });
        var rule = rules.GetProperty("rules")[0];

        Assert.Equal("holding_period", rule.GetProperty("type").GetString());
        Assert.Equal("P12M", rule.GetProperty("period").GetString());
        Assert.Contains("tokens_locked", (await transfer.ProblemAsync()).FailureCodes());
        Assert.Equal(HttpStatusCode.BadRequest, badPreset.StatusCode);
        Assert.Contains("maybe", (await badPreset.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", await api.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task Check_ReturnsEveryFailingRule()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");
        await api.AddInvestorAsync("kim", "KP");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        await api.PutRulesAsync(securityId,
            new { type = "max_holders", max = 1 },
            new { type = "country", block = new[] { "KP" } },
            new { type = "lock_up", until = "2999-01-01T00:00:00Z" });
        var request = new { from = "alice-1", to = "kim-1", amount = "10" };

        var check = await api.PostOk($"/v1/securities/{securityId}/transfers:check", request);
        using var transfer = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", request);
        var checkCodes = check.FailureCodes();

        Assert.False(check.GetProperty("allowed").GetBoolean());
        Assert.Contains("max_holders_reached", checkCodes);
        Assert.Contains("country_not_allowed", checkCodes);
        Assert.Contains("tokens_locked", checkCodes);
        Assert.All(check.GetProperty("failures").EnumerateArray(), failure => Assert.NotEqual(JsonValueKind.Null, failure.GetProperty("limit").ValueKind));
        Assert.All(check.GetProperty("failures").EnumerateArray(), failure => Assert.NotEqual(JsonValueKind.Null, failure.GetProperty("current").ValueKind));
        Assert.Equal(checkCodes.Order(), (await transfer.ProblemAsync()).FailureCodes().Order());
    }

    [Fact]
    public async Task Check_AllowedTransfer_HasNoFailures()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });
        var heightBefore = await api.LedgerHeightAsync();

        var check = await api.PostOk($"/v1/securities/{securityId}/transfers:check", new { from = "alice-1", to = "bob-1", amount = "10" });

        Assert.True(check.GetProperty("allowed").GetBoolean());
        Assert.Empty(check.FailureCodes());
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
        Assert.Equal("0", await api.BalanceAsync(securityId, "bob-1"));
    }

    private static Task<HttpResponseMessage> PutRulesAsync(ApiFixture api, string securityId, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{securityId}/rules") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return api.Operator.SendAsync(request);
    }
}

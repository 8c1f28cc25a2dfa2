using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>Approval escrow with two approvers through the REST API, as the sender and two agents would call it.</summary>
public sealed class ApiApprovalScenarioTests
{
    /// <summary>Alice 1000 and Bob 500 of an acme security whose transfers need two distinct approvals.</summary>
    private static async Task<(ApiFixture Api, string SecurityId)> TwoApproversAsync(params string[] approvers)
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "500" });
        object approval = approvers.Length == 0
            ? new { type = "issuer_approval", approvals = 2 }
            : new { type = "issuer_approval", approvals = 2, approvers };
        await api.PutRulesAsync(securityId, new { type = "identity_verified", claimTypes = new[] { "kyc" } }, approval);
        return (api, securityId);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> Position(HttpClient client, string securityId, string account, string field) =>
        (await client.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/{account}")).GetProperty(field).GetString()!;

    [Fact]
    public async Task ApprovalEscrow_TwoApprovers_SettleAfterBoth()
    {
        var (api, securityId) = await TwoApproversAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var (first, firstId) = api.CallerFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        var second = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);

        using var queued = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        var location = queued.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("900", await Position(alice, securityId, "alice-1", "spendable"));

        using var firstApproval = await first.PostAsync(location + ":approve", null);
        using var repeated = await first.PostAsync(location + ":approve", null);
        var waiting = await alice.GetFromJsonAsync<JsonElement>(location);

        Assert.Equal(HttpStatusCode.Accepted, firstApproval.StatusCode);
        Assert.Equal("queued", (await Json(firstApproval)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, repeated.StatusCode);
        Assert.Equal("approval_already_given", (await Json(repeated)).GetProperty("code").GetString());
        Assert.Equal("pending", waiting.GetProperty("status").GetString());
        Assert.Equal(2, waiting.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal(firstId, waiting.GetProperty("approvals")[0].GetProperty("approver").GetString());
        Assert.Equal("1000", await Position(alice, securityId, "alice-1", "balance"));
        Assert.Equal("900", await Position(alice, securityId, "alice-1", "spendable"));

        using var secondApproval = await second.PostAsync(location + ":approve", null);

        Assert.Equal(HttpStatusCode.Created, secondApproval.StatusCode);
        Assert.Equal("settled", (await Json(secondApproval)).GetProperty("status").GetString());
        Assert.Equal("900", await Position(alice, securityId, "alice-1", "balance"));
        Assert.Equal("0", await Position(alice, securityId, "alice-1", "held"));
        Assert.Equal("600", await Position(api.Operator, securityId, "bob-1", "balance"));
        var settled = await alice.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("approved", settled.GetProperty("status").GetString());
        Assert.Equal(2, settled.GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task ApprovalEscrow_CancelBeforeLast_RestoresSpendable()
    {
        var (api, securityId) = await TwoApproversAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var first = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        var second = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        using var queued = await alice.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        var location = queued.Headers.Location!.ToString();
        using var firstApproval = await first.PostAsync(location + ":approve", null);

        using var cancelled = await alice.PostAsync(location + ":cancel", null);
        using var late = await second.PostAsync(location + ":approve", null);

        Assert.Equal(HttpStatusCode.Created, cancelled.StatusCode);
        Assert.Equal("1000", await Position(alice, securityId, "alice-1", "spendable"));
        Assert.Equal("1000", await Position(alice, securityId, "alice-1", "balance"));
        Assert.Equal("500", await Position(api.Operator, securityId, "bob-1", "balance"));
        Assert.Equal("approval_not_pending", (await Json(late)).GetProperty("code").GetString());
        Assert.Equal("cancelled", (await alice.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ApproverList_UnlistedAgent_IsForbidden()
    {
        var api = await ApiFixture.StartAsync();
        await using var _ = api;
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        var (first, firstId) = api.CallerFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        var (second, secondId) = api.CallerFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        var outsider = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        await api.PutRulesAsync(securityId, new { type = "issuer_approval", approvals = 2, approvers = new[] { firstId, secondId } });
        var queued = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        var location = $"/v1/queued-transfers/{queued.GetProperty("id").GetString()}";

        using var byOutsider = await outsider.PostAsync(location + ":approve", null);
        using var denyByOutsider = await outsider.PostAsJsonAsync(location + ":deny", new { reason = "no" });
        using var byFirst = await first.PostAsync(location + ":approve", null);
        using var bySecond = await second.PostAsync(location + ":approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, byOutsider.StatusCode);
        Assert.Equal("not_an_approver", (await Json(byOutsider)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, denyByOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bySecond.StatusCode);
        Assert.Equal("100", await Position(api.Operator, securityId, "bob-1", "balance"));
    }

    [Fact]
    public async Task Denial_ByAnyApprover_EndsTransfer()
    {
        var (api, securityId) = await TwoApproversAsync();
        await using var _ = api;
        var first = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        var second = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);
        var queued = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        var location = $"/v1/queued-transfers/{queued.GetProperty("id").GetString()}";
        using var firstApproval = await first.PostAsync(location + ":approve", null);

        using var denied = await second.PostAsJsonAsync(location + ":deny", new { reason = "missing documents" });

        Assert.Equal(HttpStatusCode.Created, denied.StatusCode);
        Assert.Equal("1000", await Position(api.Operator, securityId, "alice-1", "spendable"));
        Assert.Equal("denied", (await api.Operator.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task QueueList_FiltersByStatusAndPages()
    {
        var (api, securityId) = await TwoApproversAsync();
        await using var _ = api;
        var alice = api.ClientFor(ActorRole.Investor, "alice");
        var bob = api.ClientFor(ActorRole.Investor, "bob");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var queued = await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "10" });
            ids.Add(queued.GetProperty("id").GetString()!);
        }

        await api.PostOk($"/v1/queued-transfers/{ids[1]}:deny", new { reason = "no" });

        var pending = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/queued-transfers?status=pending");
        var firstPage = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/queued-transfers?limit=2");
        var secondPage = await alice.GetFromJsonAsync<JsonElement>(firstPage.GetProperty("next").GetString()!);
        var asReceiver = await bob.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/queued-transfers");
        using var badStatus = await api.Operator.GetAsync($"/v1/securities/{securityId}/queued-transfers?status=open");
        using var unknown = await api.Operator.GetAsync("/v1/securities/nope/queued-transfers");

        Assert.Equal([ids[0], ids[2]], pending.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal([ids[0], ids[1]], firstPage.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal([ids[2]], secondPage.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(3, asReceiver.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task RulePut_BadApprovalPolicy_IsRejected()
    {
        var api = await ApiFixture.StartAsync();
        await using var _ = api;
        var securityId = await api.SeedAsync(0, "alice");

        using var read = await api.Operator.GetAsync($"/v1/securities/{securityId}/rules");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{securityId}/rules")
        {
            Content = JsonContent.Create(new { rules = new object[] { new { type = "issuer_approval", approvals = 3, approvers = new[] { "key:a", "key:b" } } } }),
        };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        using var response = await api.Operator.SendAsync(request);
        var problem = await Json(response);
        var rules = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/rules");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        Assert.Contains("approvals 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, rules.GetProperty("version").GetInt32());
    }
}

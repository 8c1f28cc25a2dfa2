using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>
/// One row of each register scenario group through HTTP. Tests that use <c>StartAsync</c> begin
/// with verified investors Alice holding 1000 and Bob holding 500.
/// </summary>
public sealed class ApiRegisterScenarioTests
{
    private static async Task<(ApiFixture Api, string SecurityId)> StartAsync(int decimals = 0)
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(decimals, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "500" });
        return (api, securityId);
    }

    [Fact]
    public async Task Pause_BlocksEveryTransfer()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        using var pause = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}:pause", new { });

        using var transfer = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        using var batch = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers:batch",
            new { transfers = new[] { new { from = "alice-1", to = "bob-1", amount = "1" } } });
        using var pauseAgain = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}:pause", new { });
        var security = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}");

        Assert.Equal(HttpStatusCode.NoContent, pause.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, transfer.StatusCode);
        Assert.Contains("security_paused", (await transfer.ProblemAsync()).FailureCodes());
        Assert.Contains("security_paused", (await batch.ProblemAsync()).FailureCodes());
        Assert.Equal("security_already_paused", (await pauseAgain.ProblemAsync()).Code());
        Assert.Equal("paused", security.GetProperty("status").GetString());
        Assert.Equal("1000", await api.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task Unpause_AllowsTransfersAgain()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}:pause", new { });

        using var unpause = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}:unpause", new { });
        using var unpauseAgain = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}:unpause", new { });
        await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });

        Assert.Equal(HttpStatusCode.NoContent, unpause.StatusCode);
        Assert.Equal("security_not_paused", (await unpauseAgain.ProblemAsync()).Code());
        Assert.Equal("600", await api.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task FrozenAccount_CannotSendOrReceive()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}/freezes", new { accountId = "bob-1" });

        using var toFrozen = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        using var fromFrozen = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "bob-1", to = "alice-1", amount = "100" });

        Assert.Contains("account_frozen", (await toFrozen.ProblemAsync()).FailureCodes());
        Assert.Contains("account_frozen", (await fromFrozen.ProblemAsync()).FailureCodes());
        Assert.Equal("1000", await api.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task PartialFreeze_LimitsUnfrozenBalance()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}/freezes", new { accountId = "alice-1", amount = "900" });

        using var all = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "1000" });
        await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        using var overFreeze = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/freezes", new { accountId = "alice-1", amount = "1" });
        using var overUnfreeze = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/unfreezes", new { accountId = "alice-1", amount = "901" });

        Assert.Contains("insufficient_unfrozen_balance", (await all.ProblemAsync()).FailureCodes());
        Assert.Equal("900", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("900", await api.FrozenAsync(securityId, "alice-1"));
        Assert.Equal("insufficient_unfrozen_balance", (await overFreeze.ProblemAsync()).Code());
        Assert.Equal("insufficient_frozen_amount", (await overUnfreeze.ProblemAsync()).Code());
    }

    [Fact]
    public async Task UnknownReceiver_AndNoSupply_Rejected()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        var agentWithoutSupply = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.All & ~Permissions.Supply);

        using var toNobody = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/issuances", new { accountId = "nobody-1", amount = "1" });
        using var transferToNobody = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "nobody-1", amount = "1" });
        using var withoutSupply = await agentWithoutSupply.PostAsJsonAsync($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1" });

        Assert.Equal("receiver_not_verified", (await toNobody.ProblemAsync()).Code());
        Assert.Contains("receiver_not_verified", (await transferToNobody.ProblemAsync()).FailureCodes());
        Assert.Equal(HttpStatusCode.Forbidden, withoutSupply.StatusCode);
        Assert.Equal("permission_denied", (await withoutSupply.ProblemAsync()).Code());
        Assert.Equal("1000", await api.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task ForcedTransfer_UnfreezesWhatItNeeds()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        await api.PostOk($"/v1/securities/{securityId}/freezes", new { accountId = "alice-1", amount = "900" });
        var agent = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);

        using var forced = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/forced-transfers", new { from = "alice-1", to = "bob-1", amount = "950" });

        Assert.Equal(HttpStatusCode.Created, forced.StatusCode);
        Assert.Equal("50", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("50", await api.FrozenAsync(securityId, "alice-1"));
        Assert.Equal("1450", await api.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task Recovery_MovesHoldingsToNewAccount()
    {
        var (api, securityId) = await StartAsync();
        await using var _ = api;
        await api.PostOk("/v1/identities/alice/accounts", new { id = "alice-2" });
        await api.PostOk("/v1/identities/alice/accounts", new { id = "alice-3" });
        await api.PostOk($"/v1/securities/{securityId}/freezes", new { accountId = "alice-1", amount = "100" });
        var agent = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);

        using var toOtherIdentity = await agent.PostAsJsonAsync("/v1/accounts/alice-1:recover", new { newAccountId = "bob-1" });
        using var empty = await agent.PostAsJsonAsync("/v1/accounts/alice-3:recover", new { newAccountId = "alice-2" });
        using var recovered = await agent.PostAsJsonAsync("/v1/accounts/alice-1:recover", new { newAccountId = "alice-2" });
        using var again = await agent.PostAsJsonAsync("/v1/accounts/alice-1:recover", new { newAccountId = "alice-2" });
        var identity = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/identities/alice");

        Assert.Equal("recovery_not_allowed", (await toOtherIdentity.ProblemAsync()).Code());
        Assert.Equal("recovery_not_allowed", (await empty.ProblemAsync()).Code());
        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Equal("account_closed", (await again.ProblemAsync()).Code());
        Assert.Equal("1000", await api.BalanceAsync(securityId, "alice-2"));
        Assert.Equal("100", await api.FrozenAsync(securityId, "alice-2"));
        Assert.Equal("0", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("alice-2", identity.GetProperty("accounts")[0].GetProperty("recoveredTo").GetString());
    }

    [Fact]
    public async Task Granularity_FollowsSecurityDecimals()
    {
        var (api, securityId) = await StartAsync(decimals: 2);
        await using var _ = api;

        using var tooFine = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "0.001" });
        await api.PostOk($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "0.01" });

        Assert.Equal("invalid_granularity", (await tooFine.ProblemAsync()).Code());
        Assert.Equal("999.99", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("500.01", await api.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task ForcedTransfer_Override_SkipsReceiverRules()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "bob-1", amount = "100" });
        await api.PutRulesAsync(securityId, new { type = "max_balance", max = "150" });
        var agent = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Transfer);

        using var plain = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/forced-transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        using var overridden = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/forced-transfers",
            new { from = "alice-1", to = "bob-1", amount = "100", overrideReason = "court order 17" });
        using var later = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });

        Assert.Contains("max_balance_exceeded", (await plain.ProblemAsync()).FailureCodes());
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        Assert.Equal("200", await api.BalanceAsync(securityId, "bob-1"));
        Assert.Contains("max_balance_exceeded", (await later.ProblemAsync()).FailureCodes());
    }

    [Fact]
    public async Task SupplyCap_LimitsIssuance()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(0, "alice");
        var capped = await api.PostOk("/v1/securities", new { issuerId = "acme", name = "Capped", assetClass = "equity", decimals = 0, supplyCap = "1600" });
        var securityId = capped.GetProperty("id").GetString()!;
        await api.PostOk($"/v1/securities/{securityId}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1500" });

        using var over = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "101" });
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });

        Assert.Equal("supply_cap_exceeded", (await over.ProblemAsync()).Code());
        Assert.Equal("1600", await api.BalanceAsync(securityId, "alice-1"));
    }
}

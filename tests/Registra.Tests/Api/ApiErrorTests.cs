using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api;

/// <summary>
/// Bad requests through HTTP: each gets a 4xx problem document with a stable type, the reason
/// code and a message naming the value, and leaves balances and the ledger as they were.
/// </summary>
public sealed class ApiErrorTests
{
    public static TheoryData<string, string, HttpStatusCode, string, string> BadTransferBodies => new()
    {
        { "malformed JSON", """{"from":"alice-1","to":"bob-1","amount":"5" """, HttpStatusCode.BadRequest, "invalid_argument", "not valid" },
        { "unknown field", """{"from":"alice-1","to":"bob-1","amount":"5","memo":"x"}""", HttpStatusCode.BadRequest, "invalid_argument", "memo" },
        { "duplicate field", """{"from":"alice-1","to":"bob-1","amount":"5","amount":"6"}""", HttpStatusCode.BadRequest, "invalid_argument", "amount" },
        { "missing field", """{"from":"alice-1","amount":"5"}""", HttpStatusCode.BadRequest, "invalid_argument", "to" },
        { "number amount", """{"from":"alice-1","to":"bob-1","amount":5}""", HttpStatusCode.BadRequest, "invalid_argument", "amount" },
        { "negative amount", """{"from":"alice-1","to":"bob-1","amount":"-5"}""", HttpStatusCode.BadRequest, "invalid_amount", "-5" },
        { "zero amount", """{"from":"alice-1","to":"bob-1","amount":"0"}""", HttpStatusCode.BadRequest, "invalid_amount", "'0'" },
        { "non-numeric amount", """{"from":"alice-1","to":"bob-1","amount":"ten"}""", HttpStatusCode.BadRequest, "invalid_amount", "ten" },
        { "exponent amount", """{"from":"alice-1","to":"bob-1","amount":"1e3"}""", HttpStatusCode.BadRequest, "invalid_amount", "1e3" },
        { "over-precise amount", """{"from":"alice-1","to":"bob-1","amount":"1.001"}""", HttpStatusCode.BadRequest, "invalid_granularity", "1.001" },
        { "huge amount", """{"from":"alice-1","to":"bob-1","amount":"99999999999999999999999999999999999999999"}""", HttpStatusCode.BadRequest, "invalid_amount", "too large" },
        { "unknown sender", """{"from":"nobody-1","to":"bob-1","amount":"5"}""", HttpStatusCode.NotFound, "not_found", "nobody-1" },
        { "too much", """{"from":"alice-1","to":"bob-1","amount":"1000.01"}""", HttpStatusCode.Conflict, "insufficient_balance", "1000" },
    };

    [Theory]
    [MemberData(nameof(BadTransferBodies))]
    public async Task BadTransfer_IsProblem_ChangesNothing(string @case, string body, HttpStatusCode status, string code, string named)
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(2, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        var heightBefore = await api.LedgerHeightAsync();

        using var response = await api.Operator.PostRawAsync($"/v1/securities/{securityId}/transfers", body);
        var problem = await response.ProblemAsync();

        Assert.True(status == response.StatusCode, $"{@case}: status {(int)response.StatusCode}, body {problem}");
        Assert.Equal(code, problem.Code());
        Assert.Equal("/v1/problems/" + code, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("1000", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("0", await api.BalanceAsync(securityId, "bob-1"));
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task UnknownSecurity_IsNotFoundProblem()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(0, "alice", "bob");
        var heightBefore = await api.LedgerHeightAsync();

        using var transfer = await api.Operator.PostAsJsonAsync("/v1/securities/sec_missing/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
        using var read = await api.Operator.GetAsync("/v1/securities/sec_missing");
        var transferProblem = await transfer.ProblemAsync();
        var readProblem = await read.ProblemAsync();

        Assert.Equal(HttpStatusCode.NotFound, transfer.StatusCode);
        Assert.Equal("not_found", transferProblem.Code());
        Assert.Contains("sec_missing", transferProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Contains("sec_missing", readProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task TransferToSameAccount_IsInvalid_ChangesNothing()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        var heightBefore = await api.LedgerHeightAsync();

        using var response = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "alice-1", amount = "1" });
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.Code());
        Assert.Equal("alice-1", problem.GetProperty("failures")[0].GetProperty("subject").GetString());
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task HugeUnknownId_IsQuotedShortened()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        var hugeId = new string('x', 100_000);

        using var response = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = hugeId, to = "bob-1", amount = "1" });
        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ProblemAsync();
        var failure = problem.GetProperty("failures")[0];

        Assert.Equal("not_found", problem.Code());
        Assert.True(body.Length < 10_000, $"the problem took {body.Length} characters");
        Assert.EndsWith("… (100000 characters)", failure.GetProperty("current").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(new string('x', 200), failure.GetProperty("current").GetString(), StringComparison.Ordinal);
        Assert.InRange(problem.GetProperty("detail").GetString()!.Length, 1, 2100);
    }

    [Fact]
    public async Task UnknownIds_AcrossEndpoints_AreNotFound()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        var heightBefore = await api.LedgerHeightAsync();
        var requests = new (string Path, object Body, string Named)[]
        {
            ($"/v1/securities/{securityId}/freezes", new { accountId = "ghost-1" }, "ghost-1"),
            ("/v1/identities/ghost/accounts", new { id = "ghost-2" }, "ghost"),
            ("/v1/identities/alice/claims/nope:revoke", new { }, "nope"),
            ("/v1/accounts/ghost-1:recover", new { newAccountId = "alice-1" }, "ghost-1"),
            ("/v1/queued-transfers/pt-999999:approve", new { }, "pt-999999"),
        };

        foreach (var (path, body, named) in requests)
        {
            using var response = await api.Operator.PostAsJsonAsync(path, body);
            var problem = await response.ProblemAsync();

            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"POST {path}: {(int)response.StatusCode} {problem}");
            Assert.True(problem.GetProperty("detail").GetString()!.Contains(named, StringComparison.Ordinal), $"POST {path}: {problem}");
        }

        using var position = await api.Operator.GetAsync($"/v1/securities/{securityId}/positions/ghost-1");
        using var identity = await api.Operator.GetAsync("/v1/identities/ghost");
        using var block = await api.Operator.GetAsync("/v1/ledger/blocks/999999");
        Assert.Equal(HttpStatusCode.NotFound, position.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, identity.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, block.StatusCode);
        Assert.Equal("10", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task OversizedBody_IsRejected_ChangesNothing()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { MaxRequestBodyBytes = 2048 });
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        var heightBefore = await api.LedgerHeightAsync();
        var legs = Enumerable.Range(0, 200).Select(_ => new { from = "alice-1", to = "bob-1", amount = "1" }).ToArray();

        using var response = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers:batch", new { transfers = legs });
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", problem.Code());
        Assert.Contains("larger", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("10", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task OversizedBody_WithLength_IsRejected()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { MaxRequestBodyBytes = 2048 });
        var securityId = await api.SeedAsync(0, "alice");
        var heightBefore = await api.LedgerHeightAsync();
        var body = $$"""{"accountId":"alice-1","amount":"1","padding":"{{new string('x', 4096)}}"}""";

        using var response = await api.Operator.PostRawAsync($"/v1/securities/{securityId}/issuances", body);
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", problem.Code());
        Assert.Contains("2048", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task ComplianceFailure_ListsEveryFailedRule()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        await api.PostOk($"/v1/securities/{securityId}:pause", new { });

        using var response = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "11" });
        var problem = await response.ProblemAsync();
        var codes = problem.FailureCodes();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("security_paused", codes);
        Assert.Contains("insufficient_balance", codes);
        Assert.All(problem.GetProperty("failures").EnumerateArray(), failure => Assert.False(string.IsNullOrEmpty(failure.GetProperty("hint").GetString())));
    }

    [Fact]
    public async Task ProblemType_IsDescribed()
    {
        await using var api = await ApiFixture.StartAsync();

        var described = await api.Client(null).GetFromJsonAsync<JsonElement>("/v1/problems/insufficient_balance");
        using var unknown = await api.Client(null).GetAsync("/v1/problems/no_such_code");

        Assert.Equal("insufficient_balance", described.GetProperty("code").GetString());
        Assert.Equal(409, described.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task BadIssuerAndSecurity_AreProblems()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme" });
        var heightBefore = await api.LedgerHeightAsync();

        using var badId = await api.Operator.PostAsJsonAsync("/v1/issuers", new { id = "bad id!", name = "Bad" });
        using var duplicate = await api.Operator.PostAsJsonAsync("/v1/issuers", new { id = "acme", name = "Again" });
        using var decimals = await api.Operator.PostAsJsonAsync("/v1/securities", new { issuerId = "acme", name = "X", assetClass = "equity", decimals = 19 });
        using var assetClass = await api.Operator.PostAsJsonAsync("/v1/securities", new { issuerId = "acme", name = "X", assetClass = "tulips", decimals = 0 });
        using var cap = await api.Operator.PostAsJsonAsync("/v1/securities", new { issuerId = "acme", name = "X", assetClass = "equity", decimals = 0, supplyCap = "1.5" });

        var badIdProblem = await badId.ProblemAsync();
        var duplicateProblem = await duplicate.ProblemAsync();
        var decimalsProblem = await decimals.ProblemAsync();
        var assetClassProblem = await assetClass.ProblemAsync();
        var capProblem = await cap.ProblemAsync();

        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("bad id!", badIdProblem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.StartsWith("An issuer id must be", badIdProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("already_exists", duplicateProblem.Code());
        Assert.Equal(HttpStatusCode.BadRequest, decimals.StatusCode);
        Assert.Equal("19", decimalsProblem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, assetClass.StatusCode);
        Assert.Contains("assetClass", assetClassProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, cap.StatusCode);
        Assert.Contains("1.5", capProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

/// <summary>Ballots, splits and stock dividends through the REST API, as an agent and investors use them.</summary>
public sealed class ApiBallotAndSplitTests
{
    private static readonly object OneMotion = new[] { new { title = "Board proposal", choices = new[] { "motion 1", "motion 2" } } };

    [Fact]
    public async Task Ballot_ThroughApi_CertifiesRecordWeights()
    {
        await using var api = await ApiFixture.StartAsync();
        var (securityId, recordAt) = await HoldersAsync(api);
        var ballots = $"/v1/securities/{securityId}/ballots";
        var created = await api.PostOk(ballots, new
        {
            title = "Annual meeting", recordAt, opensAt = recordAt.AddMinutes(1), closesAt = recordAt.AddDays(1), quorumPercent = "51", motions = OneMotion,
        });
        var ballotId = created.GetProperty("id").GetString()!;
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "yuri-1", amount = "1000" });
        api.Clock.Advance(TimeSpan.FromMinutes(2));

        foreach (var (voter, choice) in new[] { ("vera", 1), ("xena", 1), ("walt", 2) })
        {
            using var own = api.ClientFor(ActorRole.Investor, voter);
            using var voted = await own.PostAsJsonAsync($"{ballots}/{ballotId}/votes", new { identityId = voter, votes = new[] { new { motion = 1, choice } } });
            Assert.Equal(HttpStatusCode.Created, voted.StatusCode);
        }

        using var yuri = api.ClientFor(ActorRole.Investor, "yuri");
        using var lateBuyer = await yuri.PostAsJsonAsync($"{ballots}/{ballotId}/votes", new { identityId = "yuri", votes = new[] { new { motion = 1, choice = 2 } } });
        using var early = await api.Operator.GetAsync($"{ballots}/{ballotId}/results");
        api.Clock.Advance(TimeSpan.FromDays(1));
        using var late = await api.Operator.PostAsJsonAsync($"{ballots}/{ballotId}/votes", new { identityId = "walt", votes = new[] { new { motion = 1, choice = 1 } } });
        await api.PostOk($"{ballots}/{ballotId}:certify", new { });
        var results = await yuri.GetFromJsonAsync<JsonElement>($"{ballots}/{ballotId}/results");

        Assert.Equal("not_a_holder_at_record", (await lateBuyer.ProblemAsync()).Code());
        Assert.Equal(HttpStatusCode.Forbidden, lateBuyer.StatusCode);
        Assert.Equal("ballot_not_certified", (await early.ProblemAsync()).Code());
        Assert.Equal("ballot_closed", (await late.ProblemAsync()).Code());
        var motion = results.GetProperty("motions")[0];
        Assert.Equal(["5500", "1000"], motion.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("weight").GetString()));
        Assert.Equal(1, motion.GetProperty("winner").GetInt32());
        Assert.Equal("decided", motion.GetProperty("outcome").GetString());
        Assert.True(results.GetProperty("quorumMet").GetBoolean());
        Assert.Equal("6500", results.GetProperty("supplyAtRecord").GetString());
        Assert.True(results.GetProperty("asOfSequence").GetInt64() > 0);
    }

    [Fact]
    public async Task Ballot_BadRequests_AreRejectedWithReasons()
    {
        await using var api = await ApiFixture.StartAsync();
        var (securityId, recordAt) = await HoldersAsync(api);
        var ballots = $"/v1/securities/{securityId}/ballots";
        var valid = new { title = "Meeting", recordAt, opensAt = recordAt.AddMinutes(1), closesAt = recordAt.AddDays(1), quorumPercent = "51", motions = OneMotion };
        var ballotId = (await api.PostOk(ballots, valid)).GetProperty("id").GetString()!;
        using var investor = api.ClientFor(ActorRole.Investor, "walt");

        using var badQuorum = await api.Operator.PostAsJsonAsync(ballots, valid with { quorumPercent = "101" });
        using var backwards = await api.Operator.PostAsJsonAsync(ballots, valid with { opensAt = recordAt.AddDays(2) });
        using var unknownSecurity = await api.Operator.PostAsJsonAsync("/v1/securities/nope/ballots", valid);
        using var byInvestor = await investor.PostAsJsonAsync(ballots, valid);
        using var notOpen = await investor.PostAsJsonAsync($"{ballots}/{ballotId}/votes", new { identityId = "walt", votes = new[] { new { motion = 1, choice = 1 } } });
        using var forOther = await investor.PostAsJsonAsync($"{ballots}/{ballotId}/votes", new { identityId = "xena", votes = new[] { new { motion = 1, choice = 1 } } });
        using var unknownBallot = await api.Operator.GetAsync($"{ballots}/ballot-999999");
        using var tooEarly = await api.Operator.PostAsJsonAsync($"{ballots}/{ballotId}:certify", new { });

        Assert.Equal("invalid_argument", (await badQuorum.ProblemAsync()).Code());
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSecurity.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byInvestor.StatusCode);
        Assert.Equal("ballot_not_open", (await notOpen.ProblemAsync()).Code());
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownBallot.StatusCode);
        Assert.Equal("ballot_not_closed", (await tooEarly.ProblemAsync()).Code());
        var list = await api.Operator.GetFromJsonAsync<JsonElement>(ballots);
        Assert.Equal("scheduled", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{ "title": "Meeting", "opensAt": "2026-01-02T00:00:00Z", "closesAt": "2999-01-01T00:00:00Z", "quorumPercent": "51", "motions": [] }""", "recordAt")]
    [InlineData("""{ "title": "Meeting", "recordAt": "yesterday", "opensAt": "2026-01-02T00:00:00Z", "closesAt": "2999-01-01T00:00:00Z", "quorumPercent": "51", "motions": [] }""", "recordAt")]
    public async Task Ballot_MalformedBody_NamesField(string body, string field)
    {
        await using var api = await ApiFixture.StartAsync();
        var (securityId, _) = await HoldersAsync(api);

        using var response = await api.Operator.PostRawAsync($"/v1/securities/{securityId}/ballots", body);
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.Code());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Splits_ThroughApi_ScaleAndPayCash()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "100" });

        await api.PostOk($"/v1/securities/{securityId}/splits", new { numerator = 7, denominator = 1 });
        var afterSplit = await api.BalanceAsync(securityId, "alice-1");
        await api.PostOk($"/v1/securities/{securityId}/redemptions", new { accountId = "alice-1", amount = "697" });
        using var unpriced = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/splits", new { numerator = 1, denominator = 2 });
        using var unfunded = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/splits",
            new { numerator = 1, denominator = 2, cashInLieu = new { price = "10.00", currency = "USD" } });
        await api.PostOk("/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "USD" });
        await api.PostOk("/v1/cash/accounts/issuer/acme/USD/deposits", new { amount = "100" });
        await api.PostOk($"/v1/securities/{securityId}/splits", new { numerator = 1, denominator = 2, cashInLieu = new { price = "10.00", currency = "USD" } });
        using var alice = api.ClientFor(ActorRole.Investor, "alice");
        var splits = await alice.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/splits");
        var aliceCash = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/cash/accounts/identity/alice/USD");

        Assert.Equal("700", afterSplit);
        Assert.Equal("cash_in_lieu_price_required", (await unpriced.ProblemAsync()).Code());
        Assert.Equal("not_found", (await unfunded.ProblemAsync()).Code());
        Assert.Equal("1", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("5", aliceCash.GetProperty("balance").GetString());
        var reverse = splits.GetProperty("items")[1];
        Assert.Equal("5", reverse.GetProperty("totalCash").GetString());
        var entry = Assert.Single(reverse.GetProperty("entries").EnumerateArray());
        Assert.Equal("1/2", entry.GetProperty("fraction").GetString());
        Assert.Equal("5", entry.GetProperty("cash").GetString());
    }

    [Theory]
    [InlineData("""{ "numerator": 0, "denominator": 1 }""", "invalid_argument")]
    [InlineData("""{ "numerator": 1, "denominator": 2, "cashInLieu": { "price": "-1", "currency": "USD" } }""", "invalid_amount")]
    [InlineData("""{ "numerator": 1, "denominator": 2, "cashInLieu": { "price": "0.001", "currency": "USD" } }""", "invalid_granularity")]
    [InlineData("""{ "numerator": 1, "denominator": 2, "cashInLieu": { "price": "1", "currency": "XYZ" } }""", "invalid_argument")]
    public async Task Split_BadInput_ChangesNothing(string body, string code)
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "3" });
        var height = await api.LedgerHeightAsync();

        using var response = await api.Operator.PostRawAsync($"/v1/securities/{securityId}/splits", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.ProblemAsync()).Code());
        Assert.Equal("3", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal(height, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task Split_SameIdempotencyKey_AppliesOnce()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });

        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/securities/{securityId}/splits") { Content = JsonContent.Create(new { numerator = 3, denominator = 1 }) };
            request.Headers.Add("Idempotency-Key", "split-once");
            using var response = await api.Operator.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.Equal("30", await api.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task StockDividend_ThroughApi_CreditsRecordHolders()
    {
        await using var api = await ApiFixture.StartAsync();
        var (securityId, recordAt) = await HoldersAsync(api);
        var dividends = $"/v1/securities/{securityId}/stock-dividends";

        using var future = await api.Operator.PostAsJsonAsync(dividends, new { numerator = 1, denominator = 10, recordAt = recordAt.AddDays(1) });
        await api.PostOk("/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "JPY" });
        await api.PostOk("/v1/cash/accounts/issuer/acme/JPY/deposits", new { amount = "100" });
        var created = await api.PostOk(dividends, new { numerator = 1, denominator = 3, recordAt, cashInLieu = new { price = "3", currency = "JPY" } });
        var list = await api.Operator.GetFromJsonAsync<JsonElement>(dividends);

        Assert.Equal("at_time_in_future", (await future.ProblemAsync()).Code());
        Assert.Equal("sdiv-000001", created.GetProperty("id").GetString());
        Assert.Equal("666", await api.BalanceAsync(securityId, "vera-1"));
        var dividend = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("2165", dividend.GetProperty("unitsIssued").GetString());
        Assert.Equal("5", dividend.GetProperty("totalCash").GetString());
        var issuerCash = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/cash/accounts/issuer/acme/JPY");
        Assert.Equal("95", issuerCash.GetProperty("balance").GetString());
    }

    /// <summary>Vera 500, Walt 1000 and Xena 5000 at the returned record instant; Yuri is verified and holds nothing.</summary>
    private static async Task<(string SecurityId, DateTimeOffset RecordAt)> HoldersAsync(ApiFixture api)
    {
        var securityId = await api.SeedAsync(0, "vera", "walt", "xena", "yuri");
        foreach (var (holder, amount) in new[] { ("vera", "500"), ("walt", "1000"), ("xena", "5000") })
        {
            await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = holder + "-1", amount });
        }

        var recordAt = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        return (securityId, recordAt);
    }
}

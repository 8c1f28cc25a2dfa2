using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api;

/// <summary>Coupon schedules and liquidation waterfalls through HTTP, on a real register over SQLite.</summary>
public sealed class ApiWaterfallAndCouponTests
{
    /// <summary>Creates acme with Series A 1x non-participating on 1,000,000 invested (alice, 100,000) and common (bob, 900,000).</summary>
    private static async Task<(ApiFixture Api, string SeriesA, string Common)> NonParticipatingAsync()
    {
        var api = await ApiFixture.StartAsync();
        var common = await api.SeedAsync(0, "alice", "bob");
        var seriesA = (await api.PostOk("/v1/securities", new
        {
            issuerId = "acme",
            name = "Acme Series A",
            assetClass = "equity",
            decimals = 0,
            terms = new Dictionary<string, string>
            {
                ["class_type"] = "PREFERRED",
                ["invested_amount"] = "1000000.00 USD",
                ["liquidation_preference_multiple"] = "1",
                ["seniority"] = "2",
                ["conversion_ratio"] = "1/1",
            },
        })).GetProperty("id").GetString()!;
        await api.PostOk($"/v1/securities/{seriesA}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        await api.PostOk($"/v1/securities/{seriesA}/issuances", new { accountId = "alice-1", amount = "100000" });
        await api.PostOk($"/v1/securities/{common}/issuances", new { accountId = "bob-1", amount = "900000" });
        return (api, seriesA, common);
    }

    private static async Task<JsonElement> PostWaterfallAsync(ApiFixture api, string path, object body)
    {
        using var response = await api.Operator.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task IssuerWaterfall_Exit_PaysClassesAndHolders()
    {
        var (api, seriesA, common) = await NonParticipatingAsync();
        await using var owned = api;

        var view = await PostWaterfallAsync(api, "/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "3000000.00" });

        var payouts = view.GetProperty("payouts").EnumerateArray().ToDictionary(p => p.GetProperty("securityId").GetString()!, p => p.GetProperty("payout").GetString());
        Assert.Equal("1000000", payouts[seriesA]);
        Assert.Equal("2000000", payouts[common]);
        var holders = view.GetProperty("holders").EnumerateArray().ToDictionary(h => h.GetProperty("holderId").GetString()!, h => h.GetProperty("payout").GetString());
        Assert.Equal("1000000", holders["alice"]);
        Assert.Equal("2000000", holders["bob"]);
        var classA = view.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("securityId").GetString() == seriesA);
        Assert.Equal("1000000", classA.GetProperty("preference").GetString());
        Assert.False(classA.GetProperty("participating").GetBoolean());
    }

    [Fact]
    public async Task SecurityWaterfall_ExitRange_ReturnsChartSeries()
    {
        var (api, seriesA, common) = await NonParticipatingAsync();
        await using var owned = api;

        var view = await PostWaterfallAsync(api, $"/v1/securities/{common}/waterfalls",
            new { currency = "USD", exitValues = new[] { "500000" }, exitRange = new { from = "1000000", to = "11000000", count = 3 } });

        var series = view.GetProperty("series");
        Assert.Equal(["500000", "1000000", "6000000", "11000000"], series.GetProperty("exitValues").EnumerateArray().Select(v => v.GetString()));
        var classA = series.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("securityId").GetString() == seriesA);
        Assert.Equal(["500000", "1000000", "1000000", "1100000"], classA.GetProperty("payouts").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([false, false, false, true], classA.GetProperty("converted").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.False(view.TryGetProperty("holders", out _));
    }

    [Fact]
    public async Task Waterfall_AtPastInstant_UsesPositionsThen()
    {
        var (api, _, common) = await NonParticipatingAsync();
        await using var owned = api;
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await api.PostOk($"/v1/securities/{common}/issuances", new { accountId = "alice-1", amount = "100000" });

        var then = await PostWaterfallAsync(api, "/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "3000000", at = before });
        var now = await PostWaterfallAsync(api, "/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "3000000" });

        string AliceGets(JsonElement view) => view.GetProperty("holders").EnumerateArray().Single(h => h.GetProperty("holderId").GetString() == "alice").GetProperty("payout").GetString()!;
        Assert.Equal("1000000", AliceGets(then));
        Assert.Equal("1200000", AliceGets(now));
    }

    public static TheoryData<string, string, HttpStatusCode, string, string> BadWaterfallBodies => new()
    {
        { "negative exit", """{"currency":"USD","exitAmount":"-1"}""", HttpStatusCode.BadRequest, "invalid_amount", "negative" },
        { "over-precise exit", """{"currency":"USD","exitAmount":"1.001"}""", HttpStatusCode.BadRequest, "invalid_granularity", "1.001" },
        { "unknown currency", """{"currency":"ZZZ","exitAmount":"1"}""", HttpStatusCode.BadRequest, "invalid_identifier", "'ZZZ': not an active ISO 4217 currency code; send" },
        { "currency without minor unit", """{"currency":"XAU","exitAmount":"1"}""", HttpStatusCode.BadRequest, "invalid_argument", "XAU" },
        { "no exit", """{"currency":"USD"}""", HttpStatusCode.BadRequest, "invalid_argument", "exitAmount" },
        { "range backwards", """{"currency":"USD","exitRange":{"from":"10","to":"5","count":3}}""", HttpStatusCode.BadRequest, "invalid_argument", "at least" },
        { "range too long", """{"currency":"USD","exitRange":{"from":"0","to":"5","count":1001}}""", HttpStatusCode.BadRequest, "invalid_argument", "1000" },
        { "future instant", """{"currency":"USD","exitAmount":"1","at":"2999-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "at_time_in_future", "passed" },
        { "currency of terms differs", """{"currency":"EUR","exitAmount":"1"}""", (HttpStatusCode)422, "invalid_terms", "EUR" },
    };

    [Theory]
    [MemberData(nameof(BadWaterfallBodies))]
    public async Task BadWaterfall_IsProblem_ChangesNothing(string @case, string body, HttpStatusCode status, string code, string named)
    {
        var (api, _, _) = await NonParticipatingAsync();
        await using var owned = api;
        var heightBefore = await api.LedgerHeightAsync();

        using var response = await api.Operator.PostRawAsync("/v1/issuers/acme/waterfalls", body);
        var problem = await response.ProblemAsync();

        Assert.True(status == response.StatusCode, $"{@case}: status {(int)response.StatusCode}, body {problem}");
        Assert.Equal(code, problem.Code());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task CreateSecurity_ZeroConversionRatio_Is422()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(0, "alice");
        var heightBefore = await api.LedgerHeightAsync();

        using var response = await api.Operator.PostAsJsonAsync("/v1/securities", new
        {
            issuerId = "acme",
            name = "Acme Series B",
            assetClass = "equity",
            decimals = 0,
            terms = new Dictionary<string, string> { ["class_type"] = "PREFERRED", ["invested_amount"] = "5.00 USD", ["conversion_ratio"] = "0" },
        });
        var problem = await response.ProblemAsync();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("invalid_terms", problem.Code());
        Assert.Equal("conversion_ratio", problem.GetProperty("failures")[0].GetProperty("rule").GetString());
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task Waterfall_PreferredWithoutBasis_Is422NamingKey()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.SeedAsync(0, "alice");
        var incomplete = (await api.PostOk("/v1/securities", new
        {
            issuerId = "acme",
            name = "Acme Series B",
            assetClass = "equity",
            decimals = 0,
            terms = new Dictionary<string, string> { ["class_type"] = "PREFERRED", ["liquidation_preference_multiple"] = "1" },
        })).GetProperty("id").GetString()!;
        await api.PostOk($"/v1/securities/{incomplete}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        await api.PostOk($"/v1/securities/{incomplete}/issuances", new { accountId = "alice-1", amount = "10" });

        using var response = await api.Operator.PostAsJsonAsync("/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "100" });
        var problem = await response.ProblemAsync();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("invalid_terms", problem.Code());
        Assert.Equal("invested_amount", problem.GetProperty("failures")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task CreateSecurity_BadCouponTerms_Is422()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme Corp" });

        using var response = await api.Operator.PostAsJsonAsync("/v1/securities", new
        {
            issuerId = "acme",
            name = "Broken bond",
            assetClass = "debt",
            decimals = 0,
            terms = new Dictionary<string, string> { ["face_value"] = "1000.00 USD", ["coupon_rate"] = "-1%", ["day_count"] = "ACT/ACT" },
        });
        var problem = await response.ProblemAsync();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal(["coupon_frequency", "coupon_rate", "day_count", "issue_date", "maturity_date"],
            problem.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).Order());
    }

    [Fact]
    public async Task UnknownIssuer_Waterfall_IsNotFound()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.PostAsJsonAsync("/v1/issuers/nobody/waterfalls", new { currency = "USD", exitAmount = "1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await response.ProblemAsync()).Code());
    }

    [Fact]
    public async Task CouponSchedule_SemiAnnual30360_Pays25()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme Corp" });
        var bond = (await api.PostOk("/v1/securities", new
        {
            issuerId = "acme",
            name = "Acme 5% 2030",
            assetClass = "debt",
            decimals = 0,
            terms = new Dictionary<string, string>
            {
                ["face_value"] = "1000.00 USD",
                ["coupon_rate"] = "0.05",
                ["coupon_frequency"] = "semi_annual",
                ["day_count"] = "30/360",
                ["issue_date"] = "2025-01-15",
                ["maturity_date"] = "2030-01-15",
            },
        })).GetProperty("id").GetString()!;

        var schedule = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{bond}/coupons");

        var periods = schedule.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(10, periods.Count);
        Assert.All(periods, p => Assert.Equal("25", p.GetProperty("amount").GetString()));
        Assert.All(periods, p => Assert.Equal("1/2", p.GetProperty("yearFraction").GetString()));
        Assert.Equal("2025-07-15", periods[0].GetProperty("paymentDate").GetString());
        Assert.Equal("semi_annual", schedule.GetProperty("frequency").GetString());
        Assert.Equal("30/360", schedule.GetProperty("dayCount").GetString());
    }

    [Fact]
    public async Task Security_WithTerms_ShowsThemOnRead()
    {
        await using var api = await ApiFixture.StartAsync();
        var plain = await api.SeedAsync(0);
        var created = await api.PostOk("/v1/securities", new
        {
            issuerId = "acme",
            name = "Acme 5% 2030",
            assetClass = "debt",
            decimals = 0,
            terms = new Dictionary<string, string>
            {
                ["face_value"] = "1000.00 USD",
                ["coupon_rate"] = "0.05",
                ["coupon_frequency"] = "semi_annual",
                ["day_count"] = "30/360",
                ["issue_date"] = "2025-01-15",
                ["maturity_date"] = "2030-01-15",
            },
        });
        var bond = created.GetProperty("id").GetString()!;

        var read = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{bond}");
        var plainRead = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{plain}");

        Assert.Equal("1000.00 USD", created.GetProperty("terms").GetProperty("face_value").GetString());
        Assert.Equal("30/360", read.GetProperty("terms").GetProperty("day_count").GetString());
        Assert.Equal(6, read.GetProperty("terms").EnumerateObject().Count());
        Assert.False(plainRead.TryGetProperty("terms", out _));
    }

    [Fact]
    public async Task CouponSchedule_NoCouponTerms_Is422ListingKeys()
    {
        await using var api = await ApiFixture.StartAsync();
        var security = await api.SeedAsync(0);

        using var response = await api.Operator.GetAsync($"/v1/securities/{security}/coupons");
        var problem = await response.ProblemAsync();

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("invalid_terms", problem.Code());
        Assert.Contains("face_value", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registra.Access;
using Registra.Tests.Support;

namespace Registra.Tests.Api.Contract;

/// <summary>
/// Calls every documented operation at least once, with successes and the usual failures
/// (missing key, wrong role, unknown ids, bad amounts, malformed JSON, stale versions), so the
/// contract test sees each kind of body the API writes.
/// </summary>
internal static partial class ContractScenario
{
    public static async Task RunAsync(ApiFixture api, List<RecordedExchange> exchanges)
    {
        using var anonymous = RecordingHandler.ClientFor(api, exchanges, null);
        using var operatorClient = RecordingHandler.ClientFor(api, exchanges, api.Operator);
        using var investor = RecordingHandler.ClientFor(api, exchanges, api.ClientFor(ActorRole.Investor, "alice"));

        await PublicRoutesAsync(anonymous);
        var securityId = await SetUpAsync(operatorClient);
        await MovementsAsync(operatorClient, securityId);
        await ReadsAsync(operatorClient, investor, securityId);
        await DocumentsAsync(operatorClient, investor, securityId);
        await CashAsync(operatorClient, investor);
        await DistributionsAsync(operatorClient, investor, securityId);
        await CouponsAsync(operatorClient);
        await RulesAndApprovalsAsync(operatorClient, securityId);
        await BallotsAsync(operatorClient, investor, api.Clock, securityId);
        await StockEventsAsync(operatorClient, investor, api.Clock, securityId);
        await MarketAsync(operatorClient, investor);
        await OfferingsAsync(operatorClient, investor, api.Clock);
        await LedgerAsync(operatorClient, investor);
        await ApiKeysAsync(operatorClient, investor);
        await CorporateActionsAsync(operatorClient, investor, securityId);
    }

    private static async Task CorporateActionsAsync(HttpClient operatorClient, HttpClient investor, string securityId)
    {
        using var bond = await Send(operatorClient, HttpMethod.Post, "/v1/securities", new
        {
            issuerId = "acme",
            name = "Acme 5% 2030",
            assetClass = "debt",
            decimals = 0,
            terms = new Dictionary<string, string>
            {
                ["face_value"] = "1000.00 USD", ["coupon_rate"] = "5%", ["coupon_frequency"] = "semi_annual",
                ["day_count"] = "ACT/ACT ICMA", ["issue_date"] = "2025-03-01", ["maturity_date"] = "2030-01-15",
            },
        });
        var bondId = (await bond.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Send(operatorClient, HttpMethod.Get, $"/v1/securities/{bondId}/coupons");
        await Send(operatorClient, HttpMethod.Get, $"/v1/securities/{securityId}/coupons");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/coupons");

        await Send(operatorClient, HttpMethod.Post, "/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "3000000.00" });
        await Send(operatorClient, HttpMethod.Post, "/v1/issuers/acme/waterfalls",
            new { currency = "USD", exitValues = new[] { "0", "1000" }, exitRange = new { from = "0", to = "5000000", count = 3 }, at = "2020-01-01T00:00:00Z" });
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{securityId}/waterfalls", new { currency = "USD", exitValues = new[] { "250000.5" } });
        await Send(operatorClient, HttpMethod.Post, "/v1/issuers/acme/waterfalls", new { currency = "ZZZ", exitAmount = "-1" });
        await Send(operatorClient, HttpMethod.Post, "/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "-1" });
        await Send(operatorClient, HttpMethod.Post, "/v1/issuers/nobody/waterfalls", new { currency = "USD", exitAmount = "1" });
        await Send(investor, HttpMethod.Post, "/v1/issuers/acme/waterfalls", new { currency = "USD", exitAmount = "1" });
    }

    private static async Task ApiKeysAsync(HttpClient operatorClient, HttpClient investor)
    {
        using var created = await Send(operatorClient, HttpMethod.Post, "/v1/api-keys", new { name = "auditor", role = "auditor" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Send(operatorClient, HttpMethod.Post, "/v1/api-keys", new { name = "", role = "auditor" });
        await Send(investor, HttpMethod.Post, "/v1/api-keys", new { name = "mine", role = "operator" });
        await Send(operatorClient, HttpMethod.Get, "/v1/api-keys");
        await Send(operatorClient, HttpMethod.Post, $"/v1/api-keys/{id}:rotate");
        await Send(operatorClient, HttpMethod.Post, "/v1/api-keys/nosuchkey:rotate");
        await Send(operatorClient, HttpMethod.Delete, $"/v1/api-keys/{id}");
        await Send(operatorClient, HttpMethod.Delete, "/v1/api-keys/nosuchkey");
    }

    private static async Task PublicRoutesAsync(HttpClient anonymous)
    {
        await Send(anonymous, HttpMethod.Get, "/health/live");
        await Send(anonymous, HttpMethod.Get, "/health/ready");
        await Send(anonymous, HttpMethod.Get, "/v1/problems/insufficient_balance");
        await Send(anonymous, HttpMethod.Get, "/v1/problems/no_such_code");
        await Send(anonymous, HttpMethod.Get, "/v1/securities");
    }

    private static async Task<string> SetUpAsync(HttpClient operatorClient)
    {
        await Send(operatorClient, HttpMethod.Post, "/v1/issuers", new { id = "acme", name = "Acme Corp", lei = "529900T8BM49AURSDO55" });
        await Send(operatorClient, HttpMethod.Post, "/v1/issuers", new { id = "acme", name = "Acme Again" });
        await Send(operatorClient, HttpMethod.Post, "/v1/securities", new { issuerId = "nobody", name = "Ghost", assetClass = "equity", decimals = 0 });
        using var created = await Send(operatorClient, HttpMethod.Post, "/v1/securities",
            new { issuerId = "acme", name = "Acme Common", assetClass = "equity", decimals = 2, supplyCap = "1000000", symbol = "ACME" });
        var securityId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await Send(operatorClient, HttpMethod.Post, "/v1/claim-issuers", new { id = "kyc-co", name = "KYC Co" });
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{securityId}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await Send(operatorClient, HttpMethod.Post, "/v1/identities", new { id = name, kind = "individual", name, accounts = new[] { name + "-1" } });
        }

        await Send(operatorClient, HttpMethod.Post, "/v1/identities", new { id = "dora", kind = "martian", name = "Dora" });
        await Send(operatorClient, HttpMethod.Post, "/v1/identities/alice/accounts", new { id = "alice-2" });
        foreach (var name in new[] { "alice", "bob" })
        {
            await Send(operatorClient, HttpMethod.Post, $"/v1/identities/{name}/claims",
                new { id = "kyc", type = "kyc", value = "true", claimIssuerId = "kyc-co", validFrom = "2020-01-01T00:00:00Z" });
        }

        await Send(operatorClient, HttpMethod.Post, "/v1/identities/carol/claims",
            new { id = "kyc", type = "kyc", value = "true", claimIssuerId = "kyc-co", validFrom = "2020-01-01T00:00:00Z", validUntil = "2021-01-01T00:00:00Z" });
        await Send(operatorClient, HttpMethod.Post, "/v1/identities/carol/claims/kyc:revoke");
        await Send(operatorClient, HttpMethod.Post, "/v1/identities/nobody/claims/kyc:revoke");
        return securityId;
    }

    private static async Task MovementsAsync(HttpClient operatorClient, string securityId)
    {
        var security = $"/v1/securities/{securityId}";
        await Send(operatorClient, HttpMethod.Post, $"{security}/issuances", new { accountId = "alice-1", amount = "1000.25" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/issuances", new { accountId = "alice-1", amount = "2000000" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "100.5" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "5000" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "1.234" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "-1" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "carol-1", amount = "1" });
        await SendRaw(operatorClient, HttpMethod.Post, $"{security}/transfers", """{ "from": "alice-1", "to": "bob-1", "amount": 5 }""");
        await SendRaw(operatorClient, HttpMethod.Post, $"{security}/transfers", """{ "from": "alice-1", """);
        await Send(operatorClient, HttpMethod.Post, "/v1/securities/nope/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers:check", new { from = "alice-1", to = "carol-1", amount = "10" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers:check", new { from = "alice-1", to = "bob-1", amount = "10" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers:batch",
            new { transfers = new[] { new { from = "alice-1", to = "bob-1", amount = "1" }, new { from = "bob-1", to = "alice-2", amount = "2" } } });
        await Send(operatorClient, HttpMethod.Post, $"{security}/forced-transfers", new { from = "bob-1", to = "alice-1", amount = "1", overrideReason = "court order 17" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/redemptions", new { accountId = "alice-1", amount = "0.25" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/freezes", new { accountId = "bob-1", amount = "10" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/unfreezes", new { accountId = "bob-1", amount = "10" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/unfreezes", new { accountId = "bob-1", amount = "10" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/freezes", new { accountId = "bob-1" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "bob-1", to = "alice-1", amount = "1" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/unfreezes", new { accountId = "bob-1" });
        await Send(operatorClient, HttpMethod.Post, "/v1/accounts/alice-2:recover", new { newAccountId = "alice-3" });
        await Send(operatorClient, HttpMethod.Post, $"{security}:pause");
        await Send(operatorClient, HttpMethod.Post, $"{security}:pause");
        await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "1" });
        await Send(operatorClient, HttpMethod.Post, $"{security}:unpause");
    }

    private static async Task DocumentsAsync(HttpClient operatorClient, HttpClient investor, string securityId)
    {
        var documents = $"/v1/securities/{securityId}/documents";
        var sha256 = new string('a', 64);
        await Send(operatorClient, HttpMethod.Post, documents,
            new { name = "Prospectus", sha256, uri = "https://docs.example.com/prospectus.pdf", mediaType = "application/pdf" });
        await Send(operatorClient, HttpMethod.Post, documents, new { name = "Terms", sha256 = new string('b', 64) });
        await Send(operatorClient, HttpMethod.Post, documents, new { name = "Prospectus", sha256 });
        await Send(operatorClient, HttpMethod.Post, documents, new { name = "Prospectus", sha256 = "not-a-hash" });
        await Send(investor, HttpMethod.Post, documents, new { name = "Mine", sha256 = new string('c', 64) });
        await Send(investor, HttpMethod.Get, documents);
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/documents");
        await Send(operatorClient, HttpMethod.Delete, $"{documents}/{sha256}");
        await Send(operatorClient, HttpMethod.Delete, $"{documents}/{sha256}");
    }

    private static async Task ReadsAsync(HttpClient operatorClient, HttpClient investor, string securityId)
    {
        var security = $"/v1/securities/{securityId}";
        await Send(operatorClient, HttpMethod.Get, "/v1/issuers");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities?limit=1");
        await Send(operatorClient, HttpMethod.Get, security);
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope");
        await Send(operatorClient, HttpMethod.Get, "/v1/claim-issuers");
        await Send(operatorClient, HttpMethod.Get, "/v1/identities/alice");
        await Send(operatorClient, HttpMethod.Get, "/v1/identities/carol");
        await Send(investor, HttpMethod.Get, "/v1/identities/alice");
        await Send(investor, HttpMethod.Get, "/v1/identities/bob");
        await Send(operatorClient, HttpMethod.Get, $"{security}/holders");
        await Send(operatorClient, HttpMethod.Get, $"{security}/holders?limit=1");
        await Send(operatorClient, HttpMethod.Get, $"{security}/holders?at=2020-01-01T00:00:00Z");
        await Send(operatorClient, HttpMethod.Get, $"{security}/holders?at=2999-01-01T00:00:00Z");
        await Send(operatorClient, HttpMethod.Get, $"{security}/holders?at=yesterday");
        await Send(investor, HttpMethod.Get, $"{security}/holders");
        await Send(operatorClient, HttpMethod.Get, $"{security}/positions/bob-1");
        await Send(operatorClient, HttpMethod.Get, $"{security}/positions/bob-1?at=2020-01-01T00:00:00Z");
        await Send(investor, HttpMethod.Get, $"{security}/positions/alice-1");
        await Send(operatorClient, HttpMethod.Get, $"{security}/positions/nobody-1");
    }

    private static async Task RulesAndApprovalsAsync(HttpClient operatorClient, string securityId)
    {
        var security = $"/v1/securities/{securityId}";
        await Send(operatorClient, HttpMethod.Get, $"{security}/rules");
        await Send(operatorClient, HttpMethod.Put, $"{security}/rules", new { rules = Array.Empty<object>() });
        await Send(operatorClient, HttpMethod.Put, $"{security}/rules", new { rules = new object[] { new { type = "issuer_approval" } } }, ifMatch: "\"v0\"");
        await Send(operatorClient, HttpMethod.Put, $"{security}/rules", new { rules = Array.Empty<object>() }, ifMatch: "\"v0\"");
        await Send(operatorClient, HttpMethod.Post, $"{security}/rules:applyPreset", new { preset = "section_12g" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/rules:applyPreset", new { preset = "no_such_preset" });
        await Send(operatorClient, HttpMethod.Get, $"{security}/rules");

        using var first = await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "3" });
        using var second = await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "4" });
        await Send(operatorClient, HttpMethod.Post, first.Headers.Location + ":approve");
        await Send(operatorClient, HttpMethod.Post, first.Headers.Location + ":approve");
        await Send(operatorClient, HttpMethod.Post, second.Headers.Location + ":deny", new { reason = "not an eligible buyer" });
        await Send(operatorClient, HttpMethod.Post, "/v1/queued-transfers/nope:deny", new { reason = "unknown" });
        using var third = await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "5" });
        await Send(operatorClient, HttpMethod.Post, third.Headers.Location + ":cancel");
        await Send(operatorClient, HttpMethod.Post, third.Headers.Location + ":cancel");
        await Send(operatorClient, HttpMethod.Get, third.Headers.Location!.ToString());
        await Send(operatorClient, HttpMethod.Get, "/v1/queued-transfers/nope");

        // Two distinct approvals: the first returns 202 and the same approver again is rejected.
        using var rules = await Send(operatorClient, HttpMethod.Get, $"{security}/rules");
        await Send(operatorClient, HttpMethod.Put, $"{security}/rules", new { rules = new object[] { new { type = "issuer_approval", approvals = 2 } } },
            ifMatch: rules.Headers.ETag!.Tag);
        using var fourth = await Send(operatorClient, HttpMethod.Post, $"{security}/transfers", new { from = "alice-1", to = "bob-1", amount = "6" });
        await Send(operatorClient, HttpMethod.Post, fourth.Headers.Location + ":approve");
        await Send(operatorClient, HttpMethod.Post, fourth.Headers.Location + ":approve");
        await Send(operatorClient, HttpMethod.Get, fourth.Headers.Location!.ToString());
        await Send(operatorClient, HttpMethod.Get, $"{security}/queued-transfers?status=pending&limit=1");
        await Send(operatorClient, HttpMethod.Get, $"{security}/queued-transfers?status=open");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/queued-transfers");
    }

    /// <summary>Holds, a settlement instruction and an order book on a fresh security that Alice and Bob both hold.</summary>
    private static async Task MarketAsync(HttpClient operatorClient, HttpClient investor)
    {
        using var created = await Send(operatorClient, HttpMethod.Post, "/v1/securities",
            new { issuerId = "acme", name = "Acme Market", assetClass = "equity", decimals = 0 });
        var securityId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var security = $"/v1/securities/{securityId}";
        await Send(operatorClient, HttpMethod.Post, $"{security}/issuances", new { accountId = "alice-1", amount = "1000" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/issuances", new { accountId = "bob-1", amount = "500" });
        foreach (var owner in new[] { "alice", "bob" })
        {
            await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "identity", ownerId = owner, currency = "SEK" });
            await Send(operatorClient, HttpMethod.Post, $"/v1/cash/accounts/identity/{owner}/SEK/deposits", new { amount = "100000" });
        }

        var expiresAt = DateTimeOffset.UtcNow.AddDays(1);

        await Send(investor, HttpMethod.Post, $"{security}/holds", new { id = "hold-1", from = "alice-1", to = "bob-1", amount = "600", expiresAt });
        await Send(investor, HttpMethod.Post, $"{security}/holds", new { id = "hold-2", from = "alice-1", to = "bob-1", amount = "600", expiresAt });
        await Send(investor, HttpMethod.Get, "/v1/holds/hold-1");
        await Send(operatorClient, HttpMethod.Get, "/v1/holds/nope");
        await Send(operatorClient, HttpMethod.Post, "/v1/holds/hold-1:execute", new { amount = "400", keepOpen = true });
        await Send(investor, HttpMethod.Post, "/v1/holds/hold-1:execute", new { });
        await Send(operatorClient, HttpMethod.Post, "/v1/holds/hold-1:release");
        await Send(operatorClient, HttpMethod.Post, "/v1/holds/hold-1:release");

        var legs = new[] { new { securityId, from = "alice-1", to = "bob-1", amount = "10" }, new { securityId, from = "bob-1", to = "alice-1", amount = "5" } };
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions", new { id = "dvp-1", legs, expiresAt });
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions", new { id = "dvp-2", legs = Array.Empty<object>(), expiresAt });
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:affirm", new { partyId = "alice" });
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:affirm", new { partyId = "bob" });
        await Send(operatorClient, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:settle");
        await Send(operatorClient, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:affirm", new { partyId = "bob" });
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:withdraw", new { partyId = "alice" });
        await Send(investor, HttpMethod.Get, "/v1/settlement-instructions/dvp-1");
        await Send(operatorClient, HttpMethod.Get, "/v1/settlement-instructions/nope");
        await Send(operatorClient, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:affirm", new { partyId = "alice" });
        await Send(operatorClient, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:settle");
        await Send(operatorClient, HttpMethod.Post, "/v1/settlement-instructions/dvp-1:settle");
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions", new { id = "dvp-3", legs, expiresAt });
        await Send(investor, HttpMethod.Post, "/v1/settlement-instructions/dvp-3:cancel");

        await Send(operatorClient, HttpMethod.Get, $"{security}/market");
        await Send(operatorClient, HttpMethod.Put, $"{security}/market", new { currency = "SEK", tickSize = "0.05", lotSize = "1" });
        await Send(operatorClient, HttpMethod.Put, $"{security}/market", new { currency = "XYZ", tickSize = "0.05", lotSize = "1" });
        await Send(operatorClient, HttpMethod.Put, $"{security}/market", new { currency = "SEK", tickSize = "0.05", lotSize = "1" }, ifMatch: "\"v7\"");
        await Send(operatorClient, HttpMethod.Put, $"{security}/market", new { currency = "SEK", tickSize = "0.05", lotSize = "1" }, ifMatch: "\"v1\"");
        await Send(investor, HttpMethod.Put, $"{security}/market", new { currency = "SEK", tickSize = "0.05", lotSize = "1" });
        using var order = await Send(investor, HttpMethod.Post, $"{security}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10.05" });
        await Send(operatorClient, HttpMethod.Post, $"{security}/orders", new { accountId = "bob-1", side = "buy", quantity = "40", type = "market", timeInForce = "immediate_or_cancel" });
        await Send(investor, HttpMethod.Post, $"{security}/orders", new { accountId = "alice-1", side = "sell", quantity = "100", price = "10.03" });
        await Send(investor, HttpMethod.Post, $"{security}/orders", new { accountId = "bob-1", side = "buy", quantity = "100", price = "10" });
        await Send(operatorClient, HttpMethod.Get, $"{security}/market");
        await Send(operatorClient, HttpMethod.Get, $"{security}/book?depth=5");
        await Send(operatorClient, HttpMethod.Get, $"{security}/book?depth=0");
        await Send(operatorClient, HttpMethod.Get, $"{security}/trades?limit=10");
        await Send(operatorClient, HttpMethod.Get, $"{security}/trades?limit=1&after=2");
        await Send(operatorClient, HttpMethod.Get, $"{security}/trades?after=abc");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/trades");
        var orderId = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetInt64();
        await Send(investor, HttpMethod.Get, $"/v1/orders/{orderId}");
        await Send(operatorClient, HttpMethod.Get, "/v1/orders/999999");
        await Send(investor, HttpMethod.Post, $"/v1/orders/{orderId}:cancel");
        await Send(investor, HttpMethod.Post, $"/v1/orders/{orderId}:cancel");
        await Send(investor, HttpMethod.Get, "/v1/identities/alice/orders");
        await Send(investor, HttpMethod.Get, $"/v1/identities/alice/orders?status=cancelled&securityId={securityId}&limit=1");
        await Send(investor, HttpMethod.Get, "/v1/identities/alice/orders?status=resting");
        await Send(investor, HttpMethod.Get, "/v1/identities/bob/orders");
        await Send(investor, HttpMethod.Get, "/v1/identities/alice/holds");
        await Send(investor, HttpMethod.Get, "/v1/identities/alice/holds?status=gone");
        await Send(investor, HttpMethod.Get, "/v1/identities/alice/settlement-instructions?status=settled");
        await Send(operatorClient, HttpMethod.Get, "/v1/identities/nobody/settlement-instructions");

        // The stream stays open for allowed callers, so only the rejected call is recorded here.
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/market-data");
    }

    private static async Task BallotsAsync(HttpClient operatorClient, HttpClient investor, ShiftedClock clock, string securityId)
    {
        var ballots = $"/v1/securities/{securityId}/ballots";
        var recordAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(1));
        var motions = new[] { new { title = "Approve the merger", choices = new[] { "for", "against" } } };
        var ballot = new { title = "Annual meeting", recordAt, opensAt = recordAt.AddMinutes(1), closesAt = recordAt.AddDays(1), quorumPercent = "50", motions };
        using var created = await Send(operatorClient, HttpMethod.Post, ballots, ballot);
        var ballotId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Send(operatorClient, HttpMethod.Post, ballots, ballot with { quorumPercent = "150" });
        await Send(operatorClient, HttpMethod.Post, ballots, ballot with { opensAt = recordAt.AddDays(2) });
        await Send(investor, HttpMethod.Post, ballots, ballot);
        await Send(operatorClient, HttpMethod.Get, ballots);
        await Send(operatorClient, HttpMethod.Get, $"{ballots}/{ballotId}");
        await Send(operatorClient, HttpMethod.Get, $"{ballots}/nope");

        var vote = new { identityId = "alice", votes = new[] { new { motion = 1, choice = 1 } } };
        await Send(investor, HttpMethod.Post, $"{ballots}/{ballotId}/votes", vote);
        clock.Advance(TimeSpan.FromMinutes(2));
        await Send(investor, HttpMethod.Post, $"{ballots}/{ballotId}/votes", vote);
        await Send(investor, HttpMethod.Post, $"{ballots}/{ballotId}/votes", vote with { identityId = "bob" });
        await Send(investor, HttpMethod.Post, $"{ballots}/{ballotId}/votes", new { identityId = "alice", votes = new[] { new { motion = 5, choice = 1 } } });
        await Send(operatorClient, HttpMethod.Post, $"{ballots}/nope/votes", vote);
        await Send(operatorClient, HttpMethod.Get, $"{ballots}/{ballotId}/results");
        await Send(operatorClient, HttpMethod.Post, $"{ballots}/{ballotId}:certify");
        clock.Advance(TimeSpan.FromDays(1));
        await Send(operatorClient, HttpMethod.Post, $"{ballots}/{ballotId}:certify");
        await Send(investor, HttpMethod.Post, $"{ballots}/{ballotId}:certify");
        await Send(operatorClient, HttpMethod.Post, $"{ballots}/nope:certify");
        await Send(investor, HttpMethod.Get, $"{ballots}/{ballotId}/results");
        await Send(operatorClient, HttpMethod.Get, $"{ballots}/nope/results");
    }

    private static async Task StockEventsAsync(HttpClient operatorClient, HttpClient investor, ShiftedClock clock, string securityId)
    {
        var security = $"/v1/securities/{securityId}";
        await Send(operatorClient, HttpMethod.Post, $"{security}/splits", new { numerator = 2, denominator = 1 });
        await Send(operatorClient, HttpMethod.Post, $"{security}/splits", new { numerator = 0, denominator = 1 });
        await Send(operatorClient, HttpMethod.Post, $"{security}/splits", new { numerator = 1, denominator = 3 });
        await Send(operatorClient, HttpMethod.Post, $"{security}/splits", new { numerator = 1, denominator = 3, cashInLieu = new { price = "-1", currency = "USD" } });
        await Send(operatorClient, HttpMethod.Post, $"{security}/splits", new { numerator = 1, denominator = 3, cashInLieu = new { price = "4.50", currency = "USD" } });
        await Send(operatorClient, HttpMethod.Post, "/v1/securities/nope/splits", new { numerator = 2, denominator = 1 });
        await Send(investor, HttpMethod.Post, $"{security}/splits", new { numerator = 2, denominator = 1 });
        await Send(operatorClient, HttpMethod.Get, $"{security}/splits");
        await Send(investor, HttpMethod.Get, $"{security}/splits");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/splits");

        var recordAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(1));
        await Send(operatorClient, HttpMethod.Post, $"{security}/stock-dividends", new { numerator = 1, denominator = 10, recordAt, cashInLieu = new { price = "2", currency = "EUR" } });
        await Send(operatorClient, HttpMethod.Post, $"{security}/stock-dividends", new { numerator = 1, denominator = 10, recordAt = recordAt.AddDays(1) });
        await Send(operatorClient, HttpMethod.Post, $"{security}/stock-dividends", new { numerator = 1, denominator = 10, recordAt, cashInLieu = new { price = "2", currency = "XAU" } });
        await Send(operatorClient, HttpMethod.Get, $"{security}/stock-dividends");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/stock-dividends");
    }

    private static async Task LedgerAsync(HttpClient operatorClient, HttpClient investor)
    {
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/blocks");
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/blocks?limit=1");
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/blocks/1");
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/blocks/99999");
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/events/1/proof");
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/events/99999/proof");
        await Send(operatorClient, HttpMethod.Get, "/v1/ledger/node-key");
        await Send(investor, HttpMethod.Get, "/v1/ledger/blocks");
        await Send(investor, HttpMethod.Get, "/v1/ledger/events/1/proof");

        // The stream stays open for allowed callers, so only the rejected call is recorded here.
        await Send(investor, HttpMethod.Get, "/v1/events");
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null) =>
        SendRaw(client, method, path, body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web), ifMatch);

    private static async Task<HttpResponseMessage> SendRaw(HttpClient client, HttpMethod method, string path, string? json, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }
}

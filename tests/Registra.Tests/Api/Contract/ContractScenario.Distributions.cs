using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api.Contract;

internal static partial class ContractScenario
{
    private static async Task CashAsync(HttpClient operatorClient, HttpClient investor)
    {
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "identity", ownerId = "alice", currency = "USD" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "identity", ownerId = "alice", currency = "usd" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "identity", ownerId = "alice", currency = "XAU" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "USD" });
        await Send(investor, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "identity", ownerId = "bob", currency = "USD" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts/issuer/acme/USD/deposits", new { amount = "100000", reference = "wire 1" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts/issuer/acme/USD/deposits", new { amount = "1.001" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts/issuer/acme/USD/withdrawals", new { amount = "1.5" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts/issuer/acme/USD/withdrawals", new { amount = "1000000" });
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts/nobody/acme/USD/withdrawals", new { amount = "1" });
        await Send(operatorClient, HttpMethod.Get, "/v1/cash/accounts");
        await Send(investor, HttpMethod.Get, "/v1/cash/accounts?ownerKind=identity");
        await Send(operatorClient, HttpMethod.Get, "/v1/cash/accounts/issuer/acme/USD");
        await Send(investor, HttpMethod.Get, "/v1/cash/accounts/issuer/acme/USD");
        await Send(operatorClient, HttpMethod.Get, "/v1/cash/accounts/robot/acme/USD");
    }

    private static async Task DistributionsAsync(HttpClient operatorClient, HttpClient investor, string securityId)
    {
        var distributions = $"/v1/securities/{securityId}/distributions";
        var now = DateTimeOffset.UtcNow;
        using var announced = await Send(operatorClient, HttpMethod.Post, distributions, new
        {
            kind = "dividend", currency = "USD", basis = "total", amount = "1000.00", recordAt = now, paymentAt = now, claimUntil = now,
            withholding = new { defaultPercent = "15", byJurisdiction = new Dictionary<string, string> { ["DE"] = "26.375" } },
            id = "q4-dividend", reference = "Q4 dividend",
        });
        await Send(operatorClient, HttpMethod.Post, distributions, new
        {
            kind = "dividend", currency = "USD", basis = "per_unit", amount = "0.01", recordAt = now, paymentAt = now,
            withholding = new { defaultPercent = "101" },
        });
        await Send(operatorClient, HttpMethod.Post, distributions, new { kind = "dividend", currency = "ABC", basis = "total", amount = "1", recordAt = now, paymentAt = now });
        await Send(operatorClient, HttpMethod.Post, distributions, new { kind = "dividend", currency = "USD", basis = "total", amount = "1", recordAt = now.AddYears(5), paymentAt = now.AddYears(5), id = "future" });
        await Send(investor, HttpMethod.Post, distributions, new { kind = "dividend", currency = "USD", basis = "total", amount = "1", recordAt = now, paymentAt = now });
        await Send(operatorClient, HttpMethod.Post, "/v1/securities/nope/distributions", new { kind = "dividend", currency = "USD", basis = "total", amount = "1", recordAt = now, paymentAt = now });

        await Send(operatorClient, HttpMethod.Get, distributions);
        await Send(operatorClient, HttpMethod.Get, $"{distributions}/q4-dividend");
        await Send(operatorClient, HttpMethod.Get, $"{distributions}/nope");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/future:pay");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/q4-dividend:pay");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/q4-dividend:pay");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/q4-dividend:claim", new { identityId = "bob" });
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/q4-dividend:claim", new { identityId = "alice" });
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/q4-dividend:reclaim");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/q4-dividend:reclaim");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/future:reclaim");
        await Send(operatorClient, HttpMethod.Get, $"{distributions}/q4-dividend/report?limit=1");
        await Send(investor, HttpMethod.Get, $"{distributions}/q4-dividend/report");
        await Send(operatorClient, HttpMethod.Get, $"{distributions}/nope/report");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/future:cancel");
        await Send(operatorClient, HttpMethod.Post, $"{distributions}/future:cancel");
        await Send(investor, HttpMethod.Post, $"{distributions}/q4-dividend:cancel");
        _ = (await announced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id");
    }

    private static async Task CouponsAsync(HttpClient operatorClient)
    {
        var terms = new Dictionary<string, string>
        {
            ["face_value"] = "1000.00", ["currency"] = "USD", ["issue_date"] = "2020-01-01", ["maturity_date"] = "2024-01-01",
            ["coupon_rate"] = "5%", ["coupon_frequency"] = "semi_annual", ["day_count"] = "ACT/360",
        };
        using var created = await Send(operatorClient, HttpMethod.Post, "/v1/securities",
            new { issuerId = "acme", name = "Acme 5% 2024", assetClass = "debt", decimals = 0, terms });
        var bond = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var later = await Send(operatorClient, HttpMethod.Post, "/v1/securities",
            new { issuerId = "acme", name = "Acme 5% 2090", assetClass = "debt", decimals = 0, terms = new Dictionary<string, string>(terms) { ["maturity_date"] = "2090-01-01" } });
        var longBond = (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{bond}/issuances", new { accountId = "bob-1", amount = "2" });

        await Send(operatorClient, HttpMethod.Get, $"/v1/securities/{bond}/coupons");
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{longBond}/coupons");
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{bond}/coupons");
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/coupons");
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{longBond}:redeemAtMaturity");
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{bond}:redeemAtMaturity");
        await Send(operatorClient, HttpMethod.Post, $"/v1/securities/{bond}:redeemAtMaturity");
    }
}

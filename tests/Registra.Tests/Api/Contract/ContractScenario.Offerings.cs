using System.Net.Http.Json;
using System.Text.Json;
using Registra.Tests.Support;

namespace Registra.Tests.Api.Contract;

internal static partial class ContractScenario
{
    /// <summary>Every offering operation, after <see cref="MarketAsync"/> gave alice and bob SEK cash accounts.</summary>
    private static async Task OfferingsAsync(HttpClient operatorClient, HttpClient investor, ShiftedClock clock)
    {
        using var created = await Send(operatorClient, HttpMethod.Post, "/v1/securities",
            new { issuerId = "acme", name = "Acme Offering", assetClass = "equity", decimals = 0 });
        var securityId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var offerings = $"/v1/securities/{securityId}/offerings";
        await Send(operatorClient, HttpMethod.Post, "/v1/cash/accounts", new { ownerKind = "issuer", ownerId = "acme", currency = "SEK" });

        var now = clock.GetUtcNow();
        var terms = new { id = "ipo-1", currency = "SEK", price = "12.50", cap = "1000", opensAt = now.AddMinutes(-1), closesAt = now.AddDays(7), maxPerInvestor = "800", minimumRaise = "100" };
        await Send(operatorClient, HttpMethod.Post, offerings, terms);
        await Send(operatorClient, HttpMethod.Post, offerings, terms);
        await Send(operatorClient, HttpMethod.Post, offerings, terms with { id = "ipo-2", price = "12.505" });
        await Send(investor, HttpMethod.Post, offerings, terms with { id = "ipo-3" });
        await Send(operatorClient, HttpMethod.Post, "/v1/securities/nope/offerings", terms);
        await Send(operatorClient, HttpMethod.Post, offerings, new { id = "ipo-4", currency = "SEK", price = "1", cap = "10", opensAt = now.AddMinutes(-1), closesAt = now.AddDays(7), lotSize = "1" });
        await Send(operatorClient, HttpMethod.Get, offerings);
        await Send(investor, HttpMethod.Get, offerings);
        await Send(operatorClient, HttpMethod.Get, "/v1/securities/nope/offerings");
        await Send(investor, HttpMethod.Get, "/v1/offerings/ipo-1");
        await Send(operatorClient, HttpMethod.Get, "/v1/offerings/nope");

        var subscriptions = "/v1/offerings/ipo-1/subscriptions";
        await Send(investor, HttpMethod.Post, subscriptions, new { accountId = "alice-1", quantity = "700" });
        await Send(investor, HttpMethod.Post, subscriptions, new { accountId = "alice-1", quantity = "700" });
        await Send(investor, HttpMethod.Post, subscriptions, new { accountId = "bob-1", quantity = "100" });
        await Send(operatorClient, HttpMethod.Post, subscriptions, new { accountId = "bob-1", quantity = "0" });
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/nope/subscriptions", new { accountId = "bob-1", quantity = "1" });
        await Send(operatorClient, HttpMethod.Post, subscriptions, new { accountId = "bob-1", quantity = "500" });
        await Send(operatorClient, HttpMethod.Get, subscriptions);
        await Send(investor, HttpMethod.Get, $"{subscriptions}/alice");
        await Send(investor, HttpMethod.Get, $"{subscriptions}/bob");
        await Send(investor, HttpMethod.Post, $"{subscriptions}/alice:amend", new { quantity = "600" });
        await Send(investor, HttpMethod.Post, $"{subscriptions}/alice:amend", new { quantity = "801" });
        await Send(investor, HttpMethod.Post, $"{subscriptions}/bob:amend", new { quantity = "10" });
        await Send(operatorClient, HttpMethod.Post, $"{subscriptions}/carol:amend", new { quantity = "10" });
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-4/subscriptions", new { accountId = "alice-1", quantity = "5" });
        await Send(investor, HttpMethod.Post, "/v1/offerings/ipo-4/subscriptions/alice:withdraw");
        await Send(investor, HttpMethod.Post, "/v1/offerings/ipo-4/subscriptions/alice:withdraw");
        await Send(investor, HttpMethod.Post, $"{subscriptions}/bob:withdraw");

        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-1:close");
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-1:close", new { early = "yes" });
        await Send(investor, HttpMethod.Post, "/v1/offerings/ipo-1:close", new { early = true });
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/nope:close", new { early = true });
        await Send(operatorClient, HttpMethod.Get, "/v1/offerings/ipo-1/allocations");
        clock.Advance(TimeSpan.FromDays(8));
        await Send(operatorClient, HttpMethod.Post, $"{subscriptions}", new { accountId = "bob-1", quantity = "10" });
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-1:close");
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-1:close");
        await Send(operatorClient, HttpMethod.Get, "/v1/offerings/ipo-1/allocations");
        await Send(investor, HttpMethod.Get, "/v1/offerings/ipo-1/allocations?limit=1");
        await Send(operatorClient, HttpMethod.Get, "/v1/offerings/nope/allocations");
        await Send(operatorClient, HttpMethod.Get, "/v1/offerings/ipo-1");

        await Send(investor, HttpMethod.Post, "/v1/offerings/ipo-4:cancel");
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-4:cancel");
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/ipo-4:cancel");
        await Send(operatorClient, HttpMethod.Post, "/v1/offerings/nope:cancel");
    }
}

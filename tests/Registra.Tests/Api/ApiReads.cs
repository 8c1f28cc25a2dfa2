using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Registra.Tests.Api;

/// <summary>Reads used by the scenario tests to see what a request changed: balances, ledger height, problems.</summary>
internal static class ApiReads
{
    public static async Task<string> BalanceAsync(this ApiFixture api, string securityId, string accountId)
    {
        var position = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/{accountId}");
        return position.GetProperty("balance").GetString()!;
    }

    public static async Task<string> FrozenAsync(this ApiFixture api, string securityId, string accountId)
    {
        var position = await api.Operator.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/{accountId}");
        return position.GetProperty("frozen").GetString()!;
    }

    /// <summary>Height of the newest sealed block, or 0 before the first block.</summary>
    public static async Task<long> LedgerHeightAsync(this ApiFixture api)
    {
        long height = 0;
        string? next = "/v1/ledger/blocks?limit=1000";
        while (next is not null)
        {
            var page = await api.Operator.GetFromJsonAsync<JsonElement>(next);
            foreach (var block in page.GetProperty("items").EnumerateArray())
            {
                height = block.GetProperty("height").GetInt64();
            }

            next = page.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }

        return height;
    }

    /// <summary>Reads a problem document, failing the test when the response is not one.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected a problem document but got {response.Content.Headers.ContentType}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    /// <summary>The reason codes of every failure listed in a problem or a check result.</summary>
    public static List<string> FailureCodes(this JsonElement document) =>
        document.GetProperty("failures").EnumerateArray().Select(failure => failure.GetProperty("code").GetString()!).ToList();

    /// <summary>Replaces the security's rules through GET and PUT with If-Match, the way a client edits them.</summary>
    public static async Task<JsonElement> PutRulesAsync(this ApiFixture api, string securityId, params object[] rules)
    {
        using var read = await api.Operator.GetAsync($"/v1/securities/{securityId}/rules");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/securities/{securityId}/rules") { Content = JsonContent.Create(new { rules }) };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        using var response = await api.Operator.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT rules answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Registers a KYC-verified investor with one account "{id}-1" and, when given, a jurisdiction claim.</summary>
    public static async Task AddInvestorAsync(this ApiFixture api, string id, string? country = null)
    {
        await api.PostOk("/v1/identities", new { id, kind = "individual", name = id, accounts = new[] { id + "-1" } });
        await api.PostOk($"/v1/identities/{id}/claims", new { id = "kyc", type = "kyc", value = "true", claimIssuerId = "kyc-co", validFrom = "2020-01-01T00:00:00Z" });
        if (country is not null)
        {
            await api.PostOk($"/v1/identities/{id}/claims", new { id = "country", type = "jurisdiction", value = country, claimIssuerId = "kyc-co", validFrom = "2020-01-01T00:00:00Z" });
        }
    }

    /// <summary>Sends raw text as a JSON body, for requests a serializer would never produce.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}

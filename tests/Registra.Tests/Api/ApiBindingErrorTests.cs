using System.Net;

namespace Registra.Tests.Api;

/// <summary>
/// Bodies and parameters the API cannot bind get a message that names the field and what it
/// takes, never the serializer's or the framework's message for developers, and change nothing.
/// </summary>
public sealed class ApiBindingErrorTests
{
    public static TheoryData<string, string, string, string> BadBodies => new()
    {
        { "unknown role", "/v1/api-keys", """{"name":"k","role":"issuer-agent"}""", "The value at $.role must be one of operator, issuer_agent, claim_issuer, investor or auditor" },
        { "number amount", "/v1/securities/{security}/transfers", """{"from":"alice-1","to":"bob-1","amount":5}""", "The value at $.amount must be a JSON string" },
        { "text instant", "/v1/settlement-instructions", """{"id":"i-1","legs":[],"expiresAt":"tomorrow"}""", "The value at $.expiresAt must be an RFC 3339 instant" },
        { "instant without offset", "/v1/settlement-instructions", """{"id":"i-1","legs":[],"expiresAt":"2030-01-01T00:00:00"}""", "The value at $.expiresAt must be an RFC 3339 instant" },
        { "date as instant", "/v1/settlement-instructions", """{"id":"i-1","legs":[],"expiresAt":"2030-01-01"}""", "The value at $.expiresAt must be an RFC 3339 instant" },
        { "nested number", "/v1/settlement-instructions", """{"id":"i-1","legs":[{"from":"a","to":"b","amount":"1"},{"from":"a","to":"b","amount":2}],"expiresAt":"2030-01-01T00:00:00Z"}""", "The value at $.legs[1].amount must be a JSON string" },
        { "null amount", "/v1/securities/{security}/transfers", """{"from":"alice-1","to":"bob-1","amount":null}""", "The value at $.amount must not be null" },
        { "unknown field", "/v1/securities/{security}/transfers", """{"from":"alice-1","to":"bob-1","amount":"1","memo":"x"}""", "'memo' is not a field of this request" },
        { "duplicate field", "/v1/securities/{security}/transfers", """{"from":"alice-1","to":"bob-1","amount":"1","amount":"2"}""", "The field 'amount' appears more than once" },
        { "missing fields", "/v1/securities/{security}/transfers", """{"from":"alice-1"}""", "lacks the required fields 'to', 'amount'" },
        { "missing field", "/v1/securities/{security}/transfers", """{"from":"alice-1","to":"bob-1"}""", "lacks the required field 'amount'; add it" },
        { "array body", "/v1/securities/{security}/transfers", """[1]""", "The value at $ must be a JSON object" },
        { "broken JSON", "/v1/securities/{security}/transfers", """{"from":""", "The request body is not valid JSON" },
        { "empty body", "/v1/securities/{security}/transfers", "", "The request body is empty" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_NamesFieldAndFix_ChangesNothing(string @case, string path, string body, string expected)
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        var heightBefore = await api.LedgerHeightAsync();

        using var response = await api.Operator.PostRawAsync(path.Replace("{security}", securityId, StringComparison.Ordinal), body);
        var problem = await response.ProblemAsync();
        var detail = problem.GetProperty("detail").GetString()!;

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode} {problem}");
        Assert.Equal("invalid_argument", problem.Code());
        Assert.True(detail.Contains(expected, StringComparison.Ordinal), $"{@case}: {detail}");
        Assert.DoesNotContain(".NET", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("nullability", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Service", detail, StringComparison.Ordinal);
        Assert.Equal("10", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task TextQueryNumber_NamesParameterAndValue()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.GetAsync("/v1/securities?limit=ten");
        var problem = await response.ProblemAsync();
        var failure = problem.GetProperty("failures")[0];

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.Code());
        Assert.Equal("The parameter 'limit' must be a whole number, not 'ten'.", problem.GetProperty("detail").GetString());
        Assert.Equal("ten", failure.GetProperty("current").GetString());
        Assert.Equal("limit", failure.GetProperty("subject").GetString());
    }
}

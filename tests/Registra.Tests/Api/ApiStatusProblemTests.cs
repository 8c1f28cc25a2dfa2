using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Registra.Tests.Api;

/// <summary>
/// Errors that authentication, routing and body binding end without a body (401, 404 for an unknown
/// path, 405, 415, 428) still get a problem document with a reason code, the value and a hint.
/// </summary>
public sealed class ApiStatusProblemTests
{
    [Fact]
    public async Task MissingKey_IsUnauthenticatedProblem()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Client(null).GetAsync("/v1/securities");
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", problem.Code());
        Assert.Equal("/v1/problems/unauthenticated", problem.GetProperty("type").GetString());
        Assert.Equal("missing", problem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.Contains("Authorization: Bearer rk_", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_IsUnauthenticated_WithoutEchoingIt()
    {
        await using var api = await ApiFixture.StartAsync();
        const string wrongKey = "rk_000000000000_not-a-real-secret";

        using var response = await api.Client(wrongKey).GetAsync("/v1/securities");
        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", problem.Code());
        Assert.Equal("rejected", problem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.DoesNotContain("not-a-real-secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_IsNotFoundProblem_NamingPath()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.GetAsync("/v1/no-such-things");
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", problem.Code());
        Assert.Contains("GET /v1/no-such-things", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_IsProblem_ListingAllowedMethods()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.DeleteAsync("/v1/securities");
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", problem.Code());
        Assert.Equal("DELETE", problem.GetProperty("failures")[0].GetProperty("current").GetString());
        Assert.Contains("GET", problem.GetProperty("failures")[0].GetProperty("limit").GetString(), StringComparison.Ordinal);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task TextBody_IsUnsupportedMediaType_ChangesNothing()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "10" });
        var heightBefore = await api.LedgerHeightAsync();

        using var content = new StringContent("""{"from":"alice-1","to":"bob-1","amount":"1"}""", Encoding.UTF8, "text/plain");
        using var response = await api.Operator.PostAsync($"/v1/securities/{securityId}/transfers", content);
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", problem.Code());
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("10", await api.BalanceAsync(securityId, "alice-1"));
        Assert.Equal(heightBefore, await api.LedgerHeightAsync());
    }

    [Fact]
    public async Task RulesWithoutIfMatch_IsPreconditionRequired()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");

        using var response = await api.Operator.PutAsJsonAsync($"/v1/securities/{securityId}/rules", new { rules = Array.Empty<object>() });
        var problem = await response.ProblemAsync();
        using var described = await api.Client(null).GetAsync("/v1/problems/precondition_required");

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal("precondition_required", problem.Code());
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
    }

    [Fact]
    public async Task UnknownProblemType_IsNotFoundProblem()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Client(null).GetAsync("/v1/problems/no_such_code");
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", problem.Code());
        Assert.Contains("no_such_code", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api;

public sealed class ApiDocumentTests
{
    private const string Prospectus = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string Terms = "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE";

    [Fact]
    public async Task Documents_AttachListDelete_Work()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync();
        var path = $"/v1/securities/{securityId}/documents";

        using var created = await api.Operator.PostAsJsonAsync(path,
            new { name = "Prospectus", sha256 = Prospectus, uri = "https://docs.example.com/p.pdf", mediaType = "application/pdf" });
        var attached = await created.Content.ReadFromJsonAsync<JsonElement>();
        await api.PostOk(path, new { name = "Articles", sha256 = Terms });
        var listed = await api.Operator.GetFromJsonAsync<JsonElement>(path);
        using var deleted = await api.Operator.DeleteAsync($"{path}/{Terms}");
        var afterDelete = await api.Operator.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Prospectus, attached.GetProperty("sha256").GetString());
        Assert.Equal("application/pdf", attached.GetProperty("mediaType").GetString());
        Assert.True(attached.TryGetProperty("attachedAt", out _));
        var names = listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Articles", "Prospectus"], names);
        Assert.Equal(Terms.ToLowerInvariant(), listed.GetProperty("items")[0].GetProperty("sha256").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(Prospectus, Assert.Single(afterDelete.GetProperty("items").EnumerateArray()).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Attach_BadHash_IsProblemNamingValue()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync();

        using var response = await api.Operator.PostAsJsonAsync($"/v1/securities/{securityId}/documents", new { name = "Prospectus", sha256 = "not-a-hash" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        Assert.Equal("not-a-hash", problem.GetProperty("failures")[0].GetProperty("subject").GetString());
        Assert.Contains("not-a-hash", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_SameHashTwice_IsConflict()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync();
        var path = $"/v1/securities/{securityId}/documents";
        await api.PostOk(path, new { name = "Prospectus", sha256 = Prospectus });

        using var response = await api.Operator.PostAsJsonAsync(path, new { name = "Again", sha256 = Prospectus.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Attach_AgentWithoutPermission_IsForbidden()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync();
        using var agent = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.All & ~Permissions.Documents);

        using var response = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/documents", new { name = "Prospectus", sha256 = Prospectus });
        using var removal = await agent.DeleteAsync($"/v1/securities/{securityId}/documents/{Prospectus}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, removal.StatusCode);
    }

    [Fact]
    public async Task Attach_AgentWithPermission_IsCreated()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync();
        using var agent = api.ClientFor(ActorRole.IssuerAgent, "acme", Permissions.Documents);

        using var response = await agent.PostAsJsonAsync($"/v1/securities/{securityId}/documents", new { name = "Prospectus", sha256 = Prospectus });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task List_ReadScope_LimitsCallers()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice");
        var path = $"/v1/securities/{securityId}/documents";
        await api.PostOk(path, new { name = "Prospectus", sha256 = Prospectus });
        using var investor = api.ClientFor(ActorRole.Investor, "alice");
        using var otherAgent = api.ClientFor(ActorRole.IssuerAgent, "globex", Permissions.All);

        var forInvestor = await investor.GetFromJsonAsync<JsonElement>(path);
        using var forOther = await otherAgent.GetAsync(path);

        Assert.Single(forInvestor.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, forOther.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownHash_IsNotFound()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync();

        using var response = await api.Operator.DeleteAsync($"/v1/securities/{securityId}/documents/{Prospectus}");
        using var badHash = await api.Operator.DeleteAsync($"/v1/securities/{securityId}/documents/xyz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badHash.StatusCode);
    }

    [Fact]
    public async Task List_UnknownSecurity_IsNotFound()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.GetAsync("/v1/securities/sec_0000000000000000/documents");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

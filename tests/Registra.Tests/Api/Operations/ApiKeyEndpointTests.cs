using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Access;

namespace Registra.Tests.Api.Operations;

public sealed class ApiKeyEndpointTests
{
    [Fact]
    public async Task Create_ReturnsKeyOnce_AndKeyWorks()
    {
        await using var api = await ApiFixture.StartAsync();
        await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme Corp" });

        var created = await api.PostOk("/v1/api-keys", new { name = "acme back office", role = "issuer_agent", scope = "acme", permissions = new[] { "supply", "freeze" } });
        var key = created.GetProperty("key").GetString()!;
        using var read = await api.Client(key).GetAsync("/v1/securities");
        var list = await api.Operator.GetStringAsync("/v1/api-keys");

        Assert.StartsWith("rk_", key);
        Assert.Equal("issuer_agent", created.GetProperty("role").GetString());
        Assert.Equal(["supply", "freeze"], created.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(created.GetProperty("id").GetString()!, list);
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain("\"key\"", list);
        Assert.DoesNotContain("secretHash", list, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Delete_RejectsKeyAtOnce()
    {
        await using var api = await ApiFixture.StartAsync();
        var created = await api.PostOk("/v1/api-keys", new { name = "auditor", role = "auditor" });
        var client = api.Client(created.GetProperty("key").GetString());
        using var before = await client.GetAsync("/v1/securities");

        using var deleted = await api.Operator.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}");
        using var after = await client.GetAsync("/v1/securities");
        using var again = await api.Operator.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownId_Is404Problem()
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.DeleteAsync("/v1/api-keys/000000000000");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Rotate_KeepsOldKeyForOverlap()
    {
        await using var api = await ApiFixture.StartAsync();
        var created = await api.PostOk("/v1/api-keys", new { name = "auditor", role = "auditor" });
        var id = created.GetProperty("id").GetString();

        var rotated = await api.PostOk($"/v1/api-keys/{id}:rotate", new { });
        using var oldKey = await api.Client(created.GetProperty("key").GetString()).GetAsync("/v1/securities");
        using var newKey = await api.Client(rotated.GetProperty("key").GetString()).GetAsync("/v1/securities");

        Assert.Equal(id, rotated.GetProperty("replaces").GetString());
        Assert.NotEqual(id, rotated.GetProperty("id").GetString());
        Assert.Equal("auditor", rotated.GetProperty("role").GetString());
        var expiresAt = rotated.GetProperty("replacedKeyExpiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.OK, oldKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newKey.StatusCode);
    }

    [Fact]
    public async Task Rotate_AfterOverlap_RejectsOldKey()
    {
        await using var api = await ApiFixture.StartAsync(options => options with { ApiKeyRotationOverlap = TimeSpan.Zero });
        var created = await api.PostOk("/v1/api-keys", new { name = "auditor", role = "auditor" });

        var rotated = await api.PostOk($"/v1/api-keys/{created.GetProperty("id").GetString()}:rotate", new { });
        using var oldKey = await api.Client(created.GetProperty("key").GetString()).GetAsync("/v1/securities");
        using var newKey = await api.Client(rotated.GetProperty("key").GetString()).GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.Unauthorized, oldKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newKey.StatusCode);
    }

    [Fact]
    public async Task NonOperator_Is403()
    {
        await using var api = await ApiFixture.StartAsync();
        var auditor = api.ClientFor(ActorRole.Auditor);

        using var list = await auditor.GetAsync("/v1/api-keys");
        using var create = await auditor.PostAsJsonAsync("/v1/api-keys", new { name = "x", role = "operator" });
        var problem = await create.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("permission_denied", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"name":"","role":"auditor"}""")]
    [InlineData("""{"name":"agent","role":"issuer_agent"}""")]
    [InlineData("""{"name":"op","role":"operator","scope":"acme"}""")]
    [InlineData("""{"name":"inv","role":"investor","scope":"alice","permissions":["supply"]}""")]
    [InlineData("""{"name":"x","role":"root"}""")]
    [InlineData("""{"name":"x","role":"auditor","secret":"y"}""")]
    public async Task Create_InvalidBody_Is400(string json)
    {
        await using var api = await ApiFixture.StartAsync();

        using var response = await api.Operator.PostAsync("/v1/api-keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var keys = await api.Operator.GetFromJsonAsync<JsonElement>("/v1/api-keys");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", problem.GetProperty("code").GetString());
        Assert.Single(keys.GetProperty("items").EnumerateArray());
    }
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Registra.Tests.Api.Operations;

public sealed class AuditLogTests
{
    [Fact]
    public async Task Write_IsAuditedWithoutSecrets()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        var created = await api.PostOk("/v1/api-keys", new { name = "auditor", role = "auditor" });
        using var transfer = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers",
            new { from = "alice-1", to = "bob-1", amount = "100" }, "audit-K");
        using var read = await api.Operator.GetAsync("/v1/securities");

        var lines = await ReadAuditLinesAsync(api, expected: 11);
        var entry = lines.Last(line => line.GetProperty("route").GetString() == "/v1/securities/{securityId}/transfers");
        var text = await File.ReadAllTextAsync(Path.Combine(api.Folder.Path, "audit.log"));

        Assert.StartsWith("key:", entry.GetProperty("actorId").GetString());
        Assert.Equal("Operator", entry.GetProperty("role").GetString());
        Assert.Equal("POST", entry.GetProperty("method").GetString());
        Assert.Equal(securityId, entry.GetProperty("resourceIds").GetProperty("securityId").GetString());
        Assert.Equal((int)transfer.StatusCode, entry.GetProperty("status").GetInt32());
        Assert.Equal("audit-K", entry.GetProperty("idempotencyKey").GetString());
        Assert.Equal(32, entry.GetProperty("traceId").GetString()!.Length);
        Assert.DoesNotContain(lines, line => line.GetProperty("method").GetString() == "GET");
        Assert.DoesNotContain(created.GetProperty("key").GetString()!, text);
        Assert.DoesNotContain("rk_", text);
    }

    [Fact]
    public async Task Unauthenticated_IsNotAudited()
    {
        await using var api = await ApiFixture.StartAsync();
        using var anonymous = await api.Client(null).PostAsJsonAsync("/v1/issuers", new { id = "acme", name = "Acme" });
        await api.PostOk("/v1/issuers", new { id = "beta", name = "Beta" });

        var lines = await ReadAuditLinesAsync(api, expected: 1);

        Assert.Single(lines);
        Assert.Equal("/v1/issuers", lines[0].GetProperty("route").GetString());
    }

    /// <summary>Waits until the background writer has flushed at least the expected number of lines.</summary>
    private static async Task<List<JsonElement>> ReadAuditLinesAsync(ApiFixture api, int expected)
    {
        var path = Path.Combine(api.Folder.Path, "audit.log");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = File.Exists(path)
                ? (await File.ReadAllLinesAsync(path)).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList()
                : [];
            if (lines.Count >= expected || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }
}

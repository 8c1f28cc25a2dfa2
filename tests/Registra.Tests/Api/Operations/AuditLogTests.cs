using System.Net;
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
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(api.Folder.Path, "audit.log")));
        }
    }

    [Fact]
    public async Task UnreadableBody_IsAuditedAs400()
    {
        await using var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        using var content = new StringContent(
            "{\"id\":\"h-1\",\"from\":\"alice-1\",\"to\":\"bob-1\",\"amount\":\"1\",\"expiresAt\":\"tomorrow\"}",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await api.Operator.PostAsync($"/v1/securities/{securityId}/holds", content);

        var lines = await ReadAuditLinesAsync(api, expected: 1,
            until: lines => lines.Any(line => line.GetProperty("route").GetString() == "/v1/securities/{securityId}/holds"));
        var entry = lines.Single(line => line.GetProperty("route").GetString() == "/v1/securities/{securityId}/holds");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, entry.GetProperty("status").GetInt32());
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

    [Fact]
    public async Task Rotation_ConcurrentWrites_KeepsEveryLine()
    {
        const int maxBytes = 4096;
        const int writes = 200;
        await using var api = await ApiFixture.StartAsync(options => options with { AuditLogMaxBytes = maxBytes });

        var responses = await Task.WhenAll(Enumerable.Range(0, writes).Select(index =>
            api.Operator.PostAsJsonAsync("/v1/issuers", new { id = $"issuer-{index:D3}", name = "Issuer" })));
        var lines = await ReadRotatedLinesAsync(api.Folder.Path, writes);
        var files = AuditFiles(api.Folder.Path);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Equal(writes, lines.Count);
        Assert.Equal(writes, lines.Select(line => line.GetProperty("requestId").GetString()).Distinct().Count());
        Assert.All(lines, line => Assert.Equal("/v1/issuers", line.GetProperty("path").GetString()));
        Assert.True(files.Count > 2, $"expected several rotated files, found {files.Count}");
        Assert.All(files, file => Assert.InRange(new FileInfo(file).Length, 1, maxBytes));
        Assert.All(files, file => Assert.EndsWith("\n", File.ReadAllText(file)));
    }

    [Fact]
    public async Task Rotation_KeepFiles_DeletesOldestFiles()
    {
        const int writes = 30;
        await using var api = await ApiFixture.StartAsync(options => options with { AuditLogMaxBytes = 1024, AuditLogFiles = 2 });

        for (var index = 0; index < writes; index++)
        {
            using var response = await IdempotencyTests.PostWithKey(api.Operator, "/v1/issuers", new { id = $"issuer-{index:D2}", name = "Issuer" }, $"key-{index:D2}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await ReadAuditLinesAsync(api, expected: 1, until: lines => lines.Any(line => line.GetProperty("idempotencyKey").GetString() == "key-29"));
        var files = AuditFiles(api.Folder.Path).Select(Path.GetFileName).ToList();
        var keys = (await ReadRotatedLinesAsync(api.Folder.Path, 1)).Select(line => line.GetProperty("idempotencyKey").GetString()!).ToList();

        Assert.Equal(["audit.log.2", "audit.log.1", "audit.log"], files);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal("key-29", keys[^1]);
        Assert.NotEqual("key-00", keys[0]);
        Assert.True(keys.Count < writes, $"expected the oldest lines to be deleted, found all {keys.Count}");
    }

    [Fact]
    public async Task UnwritableLog_WritesAndStopSucceed()
    {
        var first = await ApiFixture.StartAsync();
        var api = await first.RestartAsync(folder => Directory.CreateDirectory(Path.Combine(folder, "audit.log")));

        var created = await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme" });
        var second = await api.PostOk("/v1/issuers", new { id = "beta", name = "Beta" });
        var stopping = api.DisposeAsync().AsTask();
        var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Equal("acme", created.GetProperty("id").GetString());
        Assert.Equal("beta", second.GetProperty("id").GetString());
        Assert.Same(stopping, finished);
        await stopping;
    }

    [Fact]
    public async Task Rotation_OversizedLogAtStart_RotatesOnFirstWrite()
    {
        var first = await ApiFixture.StartAsync(options => options with { AuditLogMaxBytes = 2048 });
        var old = $"{{\"padding\":\"{new string('x', 3000)}\"}}\n";
        await using var api = await first.RestartAsync(folder => File.WriteAllText(Path.Combine(folder, "audit.log"), old));

        await api.PostOk("/v1/issuers", new { id = "acme", name = "Acme" });
        var lines = await ReadAuditLinesAsync(api, expected: 1, until: lines => lines.Any(line => line.TryGetProperty("route", out _)));

        Assert.Single(lines);
        Assert.Equal("/v1/issuers", lines[0].GetProperty("route").GetString());
        Assert.Equal(old, await File.ReadAllTextAsync(Path.Combine(api.Folder.Path, "audit.log.1")));
    }

    /// <summary>The audit files from oldest to newest: audit.log.N down to audit.log.1, then audit.log.</summary>
    private static List<string> AuditFiles(string folder) =>
        Directory.EnumerateFiles(folder, "audit.log*")
            .OrderByDescending(file => Path.GetExtension(file) is [_, .. var number] && int.TryParse(number, out var n) ? n : 0)
            .ToList();

    /// <summary>
    /// Waits until the rotated files and audit.log together hold at least the expected number of lines,
    /// oldest first. A rotation can rename a file between listing and reading it, so a read counts only
    /// when it completes without a missing file and the next read finds the same lines.
    /// </summary>
    private static async Task<List<JsonElement>> ReadRotatedLinesAsync(string folder, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<string>? previous = null;
        while (true)
        {
            var lines = new List<string>();
            try
            {
                foreach (var file in AuditFiles(folder))
                {
                    lines.AddRange((await File.ReadAllLinesAsync(file)).Where(line => line.Length > 0));
                }
            }
            catch (IOException)
            {
                lines = [];
            }

            var stable = previous is not null && previous.SequenceEqual(lines);
            if ((lines.Count >= expected && stable) || DateTime.UtcNow > deadline)
            {
                return lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
            }

            previous = lines;
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the background writer has flushed at least the expected number of lines.</summary>
    private static async Task<List<JsonElement>> ReadAuditLinesAsync(ApiFixture api, int expected, Func<List<JsonElement>, bool>? until = null)
    {
        var path = Path.Combine(api.Folder.Path, "audit.log");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = File.Exists(path)
                ? (await File.ReadAllLinesAsync(path)).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList()
                : [];
            if ((lines.Count >= expected && (until is null || until(lines))) || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }
}

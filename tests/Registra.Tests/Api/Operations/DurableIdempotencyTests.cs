using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Registra.Ledger.Engine;

namespace Registra.Tests.Api.Operations;

/// <summary>Idempotency-Key records that outlive the process: a retry after a restart runs nothing twice.</summary>
public sealed class DurableIdempotencyTests
{
    private static readonly object TransferBody = new { from = "alice-1", to = "bob-1", amount = "100" };

    [Fact]
    public async Task Retry_AfterRestart_ReplaysFirstResponse()
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        using var first = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-restart");
        var firstBody = await first.Content.ReadAsStringAsync();

        await using var restarted = await api.RestartAsync();
        var heightBefore = await restarted.LedgerHeightAsync();
        using var retry = await IdempotencyTests.PostWithKey(restarted.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-restart");

        Assert.True(first.IsSuccessStatusCode, firstBody);
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(heightBefore, await restarted.LedgerHeightAsync());
        Assert.Equal("900", await restarted.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task Retry_AfterRestart_OtherBodyIs422()
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        using var first = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-other");

        await using var restarted = await api.RestartAsync();
        using var reused = await IdempotencyTests.PostWithKey(restarted.Operator, $"/v1/securities/{securityId}/transfers",
            new { from = "alice-1", to = "bob-1", amount = "5" }, "K-other");
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(first.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", problem.GetProperty("code").GetString());
        Assert.Equal("900", await restarted.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task Rejection_AfterRestart_IsReplayed()
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        using var first = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-rejected");
        var firstBody = await first.Content.ReadAsStringAsync();

        await using var restarted = await api.RestartAsync();
        await restarted.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        using var retry = await IdempotencyTests.PostWithKey(restarted.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-rejected");

        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal("1000", await restarted.BalanceAsync(securityId, "alice-1"));
    }

    [Fact]
    public async Task AppliedWithoutResponse_RetryIs409AndMovesNothing()
    {
        var api = await ApiFixture.StartAsync();
        var securityId = await api.SeedAsync(0, "alice", "bob");
        await api.PostOk($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        using var first = await IdempotencyTests.PostWithKey(api.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-lost");
        Assert.True(first.IsSuccessStatusCode);

        // A crash right after the block was durable leaves the request's record without its response.
        await using var restarted = await api.RestartAsync(ForgetResponses);
        var heightBefore = await restarted.LedgerHeightAsync();
        using var retry = await IdempotencyTests.PostWithKey(restarted.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-lost");
        var problem = await retry.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await IdempotencyTests.PostWithKey(restarted.Operator, $"/v1/securities/{securityId}/transfers", TransferBody, "K-lost");

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("request_already_applied", problem.GetProperty("code").GetString());
        Assert.Contains("sequence", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(heightBefore, await restarted.LedgerHeightAsync());
        Assert.Equal("900", await restarted.BalanceAsync(securityId, "alice-1"));
        Assert.Equal("100", await restarted.BalanceAsync(securityId, "bob-1"));
    }

    [Fact]
    public async Task ApiKeyResponse_NeverWrittenToJournal()
    {
        var api = await ApiFixture.StartAsync();
        using var created = await IdempotencyTests.PostWithKey(api.Operator, "/v1/api-keys", new { name = "auditor", role = "auditor" }, "K-key");
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var replay = await IdempotencyTests.PostWithKey(api.Operator, "/v1/api-keys", new { name = "auditor", role = "auditor" }, "K-key");

        await using var restarted = await api.RestartAsync();
        var secretBytes = System.Text.Encoding.UTF8.GetBytes(secret);
        var journalFiles = Directory.GetFiles(restarted.Folder.Path, LedgerEngine.JournalFileName + "*");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(secret, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        Assert.NotEmpty(journalFiles);
        foreach (var file in journalFiles)
        {
            Assert.Equal(-1, (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(secretBytes));
        }
    }

    private static void ForgetResponses(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, LedgerEngine.JournalFileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE requests SET status = NULL, headers = NULL, body = NULL WHERE first_sequence IS NOT NULL";
        Assert.True(command.ExecuteNonQuery() > 0, "The transfer's request record was not in the journal.");
    }
}

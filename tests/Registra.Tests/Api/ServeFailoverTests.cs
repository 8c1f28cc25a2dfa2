using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Ledger;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Api;

/// <summary>
/// Two real <c>registra serve</c> processes on one PostgreSQL journal, each with its own data folder:
/// one writes, the other follows, and takes over when the writer is killed with SIGKILL under load.
/// </summary>
public sealed class ServeFailoverTests
{
    private const int LoadClients = 4;

    private const int Transfers = 120;

    private static string ExampleFolder => Path.Combine(AppContext.BaseDirectory, "Examples", "ocf", "meridian-harbor");

    [SkippableFact]
    public async Task KilledWriter_FollowerTakesOverWithAckedTransfers()
    {
        using var database = new PostgresTestDatabase();
        using var folder = new TempFolder();
        string writerData = folder.Combine("writer");
        string followerData = folder.Combine("follower");
        string writerUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        string followerUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";

        var (writer, _) = await ServeProcess.StartAsync(writerUrl, "--data", writerData, "--store", database.ConnectionString, "--example", ExampleFolder);
        Process? follower = null;
        try
        {
            // Every node signs with the same node key; API keys live in the database and work on both.
            Directory.CreateDirectory(followerData);
            File.Copy(Path.Combine(writerData, NodeKey.PrivateKeyFileName), Path.Combine(followerData, NodeKey.PrivateKeyFileName));
            string key = (await File.ReadAllTextAsync(Path.Combine(writerData, "operator.key"))).Trim();
            var (followerProcess, _, followerErrors) = ServeProcess.Launch(followerUrl, "--data", followerData, "--store", database.ConnectionString);
            follower = followerProcess;
            await ServeProcess.WaitReadyAsync(follower, followerUrl, followerErrors);
            string roleBefore = await RoleAsync(followerUrl);

            using var writerClient = ServeProcess.Client(writerUrl, key);
            var securities = await writerClient.GetFromJsonAsync<JsonElement>("/v1/securities");
            var (securityId, from, to) = await ServeProcess.FindAllowedTransferAsync(writerClient, securities);
            long initial = long.Parse(await ServeProcess.BalanceAsync(writerClient, securityId, from));

            // Load: clients send keyed transfers of 1 until the killed writer refuses connections. A
            // request that failed, or was never sent, is retried on the new writer with the same key.
            long acknowledged = 0;
            int next = -1;
            var retries = new System.Collections.Concurrent.ConcurrentBag<int>();
            Task[] load = Enumerable.Range(0, LoadClients).Select(_ => Task.Run(async () =>
            {
                using var client = ServeProcess.Client(writerUrl, key);
                for (int index = Interlocked.Increment(ref next); index < Transfers; index = Interlocked.Increment(ref next))
                {
                    try
                    {
                        using var response = await PostKeyedAsync(client, securityId, from, to, index);
                        Assert.True(response.IsSuccessStatusCode, $"transfer {index}: {(int)response.StatusCode}");
                        Interlocked.Increment(ref acknowledged);
                    }
                    catch (HttpRequestException)
                    {
                        retries.Add(index);
                    }
                }
            })).ToArray();
            while (Interlocked.Read(ref acknowledged) < 30)
            {
                await Task.Delay(10);
            }

            writer.Kill();
            var failover = Stopwatch.StartNew();
            await Task.WhenAll(load);
            await WaitForWriterAsync(followerUrl);
            failover.Stop();

            using var followerClient = ServeProcess.Client(followerUrl, key);
            var retryStatuses = new List<string>();
            foreach (int index in retries.Order())
            {
                using var response = await PostKeyedAsync(followerClient, securityId, from, to, index);
                string body = await response.Content.ReadAsStringAsync();
                retryStatuses.Add(response.IsSuccessStatusCode ? "applied"
                    : response.StatusCode == System.Net.HttpStatusCode.Conflict && body.Contains("request_already_applied") ? "already applied"
                    : $"{(int)response.StatusCode} {body}");
            }

            long moved = initial - long.Parse(await ServeProcess.BalanceAsync(followerClient, securityId, from));
            await ServeProcess.StopAsync(follower);
            var verify = await RegistraCli.RunAsync("verify", "--data", followerData, "--store", database.ConnectionString);

            // Every transfer was applied exactly once: the acknowledged ones, and each retried one once.
            Assert.Equal(Transfers, moved);
            Assert.All(retryStatuses, status => Assert.True(status is "applied" or "already applied", status));
            Assert.Equal("follower", roleBefore);
            Assert.Equal(2, PostgresWriterLease.ReadCurrent(database.ConnectionString)!.Value.Epoch);
            Assert.True(failover.Elapsed < TimeSpan.FromSeconds(60), $"failover took {failover.Elapsed}");
            Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
            Assert.Equal(0, follower.ExitCode);
        }
        finally
        {
            if (!writer.HasExited)
            {
                writer.Kill();
            }

            if (follower is { HasExited: false })
            {
                follower.Kill();
            }
        }
    }

    private static Task<HttpResponseMessage> PostKeyedAsync(HttpClient client, string securityId, string from, string to, int index)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/securities/{securityId}/transfers")
        {
            Content = JsonContent.Create(new { from, to, amount = "1" }),
        };
        request.Headers.Add("Idempotency-Key", $"failover-{index}");
        return client.SendAsync(request);
    }

    private static async Task<string> RoleAsync(string url)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        return ready.GetProperty("role").GetString()!;
    }

    // Polls /health/ready until the node reports the writer role, for at most 60 s.
    private static async Task WaitForWriterAsync(string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if (await RoleAsync(url) == "writer")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The node returns 503 while it takes over.
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}

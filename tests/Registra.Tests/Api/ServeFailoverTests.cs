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

    private static string ExampleFolder => Path.Combine(AppContext.BaseDirectory, "Examples", "ocf", "meridian-harbor");

    [SkippableFact]
    public async Task KilledWriter_FollowerTakesOverWithAckedTransfers()
    {
        using var database = new PostgresTestDatabase();
        using var folder = new TempFolder();
        string writerData = folder.Combine("writer");
        string standbyData = folder.Combine("standby");
        string writerUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        string standbyUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";

        var (writer, _) = await ServeProcess.StartAsync(writerUrl, "--data", writerData, "--store", database.ConnectionString, "--example", ExampleFolder);
        Process? standby = null;
        try
        {
            // Every node signs with the same node key; API keys live in the database and work on both.
            Directory.CreateDirectory(standbyData);
            File.Copy(Path.Combine(writerData, NodeKey.PrivateKeyFileName), Path.Combine(standbyData, NodeKey.PrivateKeyFileName));
            string key = (await File.ReadAllTextAsync(Path.Combine(writerData, "operator.key"))).Trim();
            var (standbyProcess, _, standbyErrors) = ServeProcess.Launch(standbyUrl, "--data", standbyData, "--store", database.ConnectionString);
            standby = standbyProcess;
            await ServeProcess.WaitReadyAsync(standby, standbyUrl, standbyErrors);
            string roleBefore = await RoleAsync(standbyUrl);

            using var writerClient = ServeProcess.Client(writerUrl, key);
            var securities = await writerClient.GetFromJsonAsync<JsonElement>("/v1/securities");
            var (securityId, from, to) = await ServeProcess.FindAllowedTransferAsync(writerClient, securities);
            long initial = long.Parse(await ServeProcess.BalanceAsync(writerClient, securityId, from));

            // Load: clients send transfers of 1 until the killed writer refuses connections, counting the acknowledged ones.
            long acknowledged = 0;
            Task[] load = Enumerable.Range(0, LoadClients).Select(_ => Task.Run(async () =>
            {
                using var client = ServeProcess.Client(writerUrl, key);
                while (true)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from, to, amount = "1" });
                        if (response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref acknowledged);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();
            while (Interlocked.Read(ref acknowledged) < 50)
            {
                await Task.Delay(10);
            }

            writer.Kill();
            var failover = Stopwatch.StartNew();
            await Task.WhenAll(load);
            await WaitForWriterAsync(standbyUrl);
            failover.Stop();

            using var standbyClient = ServeProcess.Client(standbyUrl, key);
            long committed = initial - long.Parse(await ServeProcess.BalanceAsync(standbyClient, securityId, from));
            await ServeProcess.PostOkAsync(standbyClient, $"/v1/securities/{securityId}/transfers", new { from, to, amount = "1" });
            await ServeProcess.StopAsync(standby);
            var verify = await RegistraCli.RunAsync("verify", "--data", standbyData, "--store", database.ConnectionString);

            // Every acknowledged transfer survived; at most the requests in flight at the kill were committed unacknowledged.
            Assert.InRange(committed, Interlocked.Read(ref acknowledged), Interlocked.Read(ref acknowledged) + LoadClients);
            Assert.Equal("follower", roleBefore);
            Assert.Equal(2, PostgresWriterLease.ReadCurrent(database.ConnectionString)!.Value.Epoch);
            Assert.True(failover.Elapsed < TimeSpan.FromSeconds(60), $"failover took {failover.Elapsed}");
            Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
            Assert.Equal(0, standby.ExitCode);
        }
        finally
        {
            if (!writer.HasExited)
            {
                writer.Kill();
            }

            if (standby is { HasExited: false })
            {
                standby.Kill();
            }
        }
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
                // The node answers 503 while it takes over.
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}

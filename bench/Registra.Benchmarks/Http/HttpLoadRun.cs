using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Commands;
using Registra.Demo;
using Registra.Ledger.Engine;

namespace Registra.Benchmarks.Http;

/// <summary>
/// Load test of the REST API on loopback: the server (Kestrel, real sockets) and a bounded
/// client share the machine. Measures peak single-transfer POSTs, latency at half that rate
/// with requests paced on a fixed schedule, and transfers per second through the batch endpoint.
/// </summary>
internal static class HttpLoadRun
{
    public static async Task<int> RunAsync(HttpLoadOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "registra-http-" + Guid.NewGuid().ToString("N"));
        var apiOptions = new ApiOptions
        {
            DataDirectory = folder,
            Urls = "http://127.0.0.1:0",
            RateLimitPerSecond = 10_000_000,
            RateLimitBurst = 10_000_000,
        };
        var app = ApiHost.Build(apiOptions);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var key = app.Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.CreateFirstOperatorKey())!.Value.Key;
            var engine = app.Services.GetRequiredService<LedgerEngine>();
            var scenario = new DemoScenario(options.Investors);
            var securityId = await SetUpAsync(engine, scenario);
            Console.WriteLine($"server {address}, {options.Investors} investors, security {securityId}");

            using var client = CreateClient(address, key, options.Connections);
            var transfers = new TransferSource(scenario, securityId);
            var peak = await MeasurePeakAsync(client, transfers, options);
            Console.WriteLine($"single transfers, {options.Connections} connections: {peak.Rate:F0}/s, p50 {peak.P50:F2} ms, p99 {peak.P99:F2} ms ({peak.Count} requests, {peak.Errors} errors)");

            var half = await MeasurePacedAsync(client, transfers, peak.Rate / 2, options);
            Console.WriteLine($"single transfers at {peak.Rate / 2:F0}/s (half of peak): achieved {half.Rate:F0}/s, p50 {half.P50:F2} ms, p99 {half.P99:F2} ms ({half.Errors} errors)");

            var batch = await MeasureBatchAsync(client, transfers, options);
            Console.WriteLine($"batch endpoint, {options.BatchSize} transfers per request: {batch.Rate:F0} transfers/s, p50 {batch.P50:F2} ms, p99 {batch.P99:F2} ms per request ({batch.Errors} errors)");
            return peak.Errors + half.Errors + batch.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            if (!options.Keep)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<string> SetUpAsync(LedgerEngine engine, DemoScenario scenario)
    {
        var setup = await engine.SubmitManyAsync(scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList());
        var securityId = setup[1].Result.CreatedId!;
        await engine.SubmitManyAsync(scenario.FundingCommands(securityId).ToList());
        return securityId;
    }

    private static HttpClient CreateClient(string address, string key, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Closed loop: each connection sends its next request as soon as the response to the previous one arrives.</summary>
    private static async Task<LoadResult> MeasurePeakAsync(HttpClient client, TransferSource transfers, HttpLoadOptions options)
    {
        var latencies = new LatencyRecorder();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = Stopwatch.GetTimestamp();
                var ok = await SendTransferAsync(client, transfers);
                latencies.Record(Stopwatch.GetElapsedTime(sent), ok);
            }
        });
        await Task.WhenAll(workers);
        return latencies.Result(Stopwatch.GetElapsedTime(started), 1);
    }

    /// <summary>
    /// Open loop at a fixed rate: request k is due at start + k / rate, and its latency counts from
    /// when it was due, so time spent waiting behind a slow response is not hidden.
    /// </summary>
    private static async Task<LoadResult> MeasurePacedAsync(HttpClient client, TransferSource transfers, double rate, HttpLoadOptions options)
    {
        var latencies = new LatencyRecorder();
        var total = (long)(rate * options.Seconds);
        var next = -1L;
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            long index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var due = start + (long)(index / rate * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }

                var ok = await SendTransferAsync(client, transfers);
                latencies.Record(Stopwatch.GetElapsedTime(due), ok);
            }
        });
        await Task.WhenAll(workers);
        return latencies.Result(Stopwatch.GetElapsedTime(start), 1);
    }

    private static async Task<LoadResult> MeasureBatchAsync(HttpClient client, TransferSource transfers, HttpLoadOptions options)
    {
        var latencies = new LatencyRecorder();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Max(1, options.Connections / 8)).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = Stopwatch.GetTimestamp();
                var body = new StringBuilder("{\"transfers\":[");
                for (var i = 0; i < options.BatchSize; i++)
                {
                    var transfer = transfers.Next();
                    body.Append(i == 0 ? "" : ",").Append(TransferJson(transfer));
                }

                body.Append("]}");
                using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync($"/v1/securities/{transfers.SecurityId}/transfers:batch", content);
                latencies.Record(Stopwatch.GetElapsedTime(sent), response.StatusCode == HttpStatusCode.Created);
            }
        });
        await Task.WhenAll(workers);
        return latencies.Result(Stopwatch.GetElapsedTime(started), options.BatchSize);
    }

    private static async Task<bool> SendTransferAsync(HttpClient client, TransferSource transfers)
    {
        var transfer = transfers.Next();
        using var content = new StringContent(TransferJson(transfer), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/v1/securities/{transfers.SecurityId}/transfers", content);

        // A transfer the rules reject is a correct response too, but the demo's transfers all pass.
        return response.StatusCode == HttpStatusCode.Created;
    }

    private static string TransferJson(Transfer transfer) =>
        $"{{\"from\":\"{transfer.FromAccountId}\",\"to\":\"{transfer.ToAccountId}\",\"amount\":\"{transfer.Amount.Units}\"}}";

    /// <summary>The demo's seeded transfers, handed out to concurrent workers one at a time.</summary>
    private sealed class TransferSource(DemoScenario scenario, string securityId)
    {
        private readonly Lock _lock = new();

        public string SecurityId => securityId;

        public Transfer Next()
        {
            lock (_lock)
            {
                return scenario.NextTransfer(securityId);
            }
        }
    }
}

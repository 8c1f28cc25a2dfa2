using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Api;

/// <summary>The real <c>registra serve</c> process on 127.0.0.1: first start, a transfer, a graceful stop and a restart.</summary>
public sealed class ServeProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static string ExampleFolder => Path.Combine(AppContext.BaseDirectory, "Examples", "ocf", "meridian-harbor");

    [Fact]
    public async Task Serve_RestartKeepsTransferAndKey()
    {
        using var data = new TempFolder();
        var url = $"http://127.0.0.1:{FreePort()}";

        var (firstRun, firstOutput) = await StartAsync(data.Path, url);
        string key;
        string securityId;
        string from;
        string to;
        string fromBalanceAfter;
        int securityCount;
        try
        {
            key = (await File.ReadAllTextAsync(Path.Combine(data.Path, "operator.key"))).Trim();
            using var client = Client(url, key);
            var securities = await client.GetFromJsonAsync<JsonElement>("/v1/securities");
            securityCount = securities.GetProperty("items").GetArrayLength();
            (securityId, from, to) = await FindAllowedTransferAsync(client, securities);
            await PostOkAsync(client, $"/v1/securities/{securityId}/transfers", new { from, to, amount = "1" });
            fromBalanceAfter = await BalanceAsync(client, securityId, from);
        }
        finally
        {
            await StopAsync(firstRun);
        }

        var (secondRun, secondOutput) = await StartAsync(data.Path, url);
        string fromBalanceRestarted;
        HttpStatusCode oldKeyStatus;
        try
        {
            using var client = Client(url, key);
            fromBalanceRestarted = await BalanceAsync(client, securityId, from);
            using var response = await client.GetAsync("/v1/securities");
            oldKeyStatus = response.StatusCode;
        }
        finally
        {
            await StopAsync(secondRun);
        }

        Assert.Equal(3, securityCount);
        Assert.Contains(key, firstOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, firstRun.ExitCode);
        Assert.Equal(fromBalanceAfter, fromBalanceRestarted);
        Assert.Equal(HttpStatusCode.OK, oldKeyStatus);
        Assert.DoesNotContain("rk_", secondOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, secondRun.ExitCode);
    }

    [Fact]
    public async Task Serve_OversizedBody_IsProblem()
    {
        using var data = new TempFolder();
        var url = $"http://127.0.0.1:{FreePort()}";
        var (process, _) = await StartAsync(data.Path, url);
        try
        {
            var key = (await File.ReadAllTextAsync(Path.Combine(data.Path, "operator.key"))).Trim();
            using var client = Client(url, key);

            // With Expect: 100-continue the server rejects on Content-Length before the client sends the body.
            client.DefaultRequestHeaders.ExpectContinue = true;
            var padding = new string('x', 5 * 1024 * 1024);
            using var content = new StringContent($$"""{"id":"big","name":"{{padding}}"}""", Encoding.UTF8, "application/json");

            using var response = await client.PostAsync("/v1/issuers", content);
            var problem = await response.ProblemAsync();

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("payload_too_large", problem.Code());
        }
        finally
        {
            await StopAsync(process);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits until /health/ready returns success; returns the process and its growing standard output.</summary>
    internal static async Task<(Process Process, StringBuilder Output)> StartAsync(string dataFolder, string url)
    {
        var process = Process.Start(RegistraCli.StartInfo("serve", "--data", dataFolder, "--urls", url, "--example", ExampleFolder))!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (errors) { errors.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                Assert.Fail($"registra serve exited with {process.ExitCode}: {errors}");
            }

            try
            {
                using var ready = await probe.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return (process, output);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        process.Kill(entireProcessTree: true);
        Assert.Fail($"registra serve did not become ready within {StartTimeout}: {errors}");
        return default;
    }

    /// <summary>Sends SIGTERM so the host shuts down gracefully, then waits for the exit.</summary>
    internal static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    internal static HttpClient Client(string url, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Finds a security and two of its holders where a transfer of 1 passes every check.</summary>
    internal static async Task<(string SecurityId, string From, string To)> FindAllowedTransferAsync(HttpClient client, JsonElement securities)
    {
        foreach (var security in securities.GetProperty("items").EnumerateArray())
        {
            var id = security.GetProperty("id").GetString()!;
            var holders = await client.GetFromJsonAsync<JsonElement>($"/v1/securities/{id}/holders");
            var accounts = holders.GetProperty("items").EnumerateArray().Select(holder => holder.GetProperty("accountId").GetString()!).ToList();
            foreach (var from in accounts)
            {
                foreach (var to in accounts.Where(account => account != from))
                {
                    using var response = await client.PostAsJsonAsync($"/v1/securities/{id}/transfers:check", new { from, to, amount = "1" });
                    var check = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (check.GetProperty("allowed").GetBoolean())
                    {
                        return (id, from, to);
                    }
                }
            }
        }

        Assert.Fail("No transfer of 1 between two example holders passes the checks.");
        return default;
    }

    private static async Task PostOkAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    internal static async Task<string> BalanceAsync(HttpClient client, string securityId, string accountId)
    {
        var position = await client.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/{accountId}");
        return position.GetProperty("balance").GetString()!;
    }
}

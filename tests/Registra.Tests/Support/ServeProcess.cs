using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Registra.Tests.Support;

/// <summary>Starts, probes, calls and stops real <c>registra serve</c> processes on 127.0.0.1.</summary>
internal static class ServeProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits until /health/ready returns success; returns the process and its growing standard output.</summary>
    public static async Task<(Process Process, StringBuilder Output)> StartAsync(string url, params string[] arguments)
    {
        var (process, output, errors) = Launch(url, arguments);
        await WaitReadyAsync(process, url, errors);
        return (process, output);
    }

    /// <summary>Starts <c>registra serve</c> on <paramref name="url"/> without waiting; returns the process and its growing standard output and error.</summary>
    public static (Process Process, StringBuilder Output, StringBuilder Errors) Launch(string url, params string[] arguments)
    {
        var process = Process.Start(RegistraCli.StartInfo(["serve", "--urls", url, .. arguments]))!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (errors) { errors.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output, errors);
    }

    /// <summary>Waits until /health/ready on <paramref name="url"/> returns success, failing the test when the process exits first.</summary>
    public static async Task WaitReadyAsync(Process process, string url, StringBuilder errors)
    {
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
                    return;
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
    }

    /// <summary>Sends SIGTERM so the host shuts down gracefully, then waits for the exit.</summary>
    public static async Task StopAsync(Process process)
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

    public static HttpClient Client(string url, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Finds a security and two of its holders where a transfer of 1 passes every check.</summary>
    public static async Task<(string SecurityId, string From, string To)> FindAllowedTransferAsync(HttpClient client, JsonElement securities)
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

    public static async Task PostOkAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<string> BalanceAsync(HttpClient client, string securityId, string accountId)
    {
        var position = await client.GetFromJsonAsync<JsonElement>($"/v1/securities/{securityId}/positions/{accountId}");
        return position.GetProperty("balance").GetString()!;
    }
}

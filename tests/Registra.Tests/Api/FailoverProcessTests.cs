using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Api;

/// <summary>
/// Two real <c>registra serve</c> processes on one data folder: the first holds the writer lease,
/// the second follows, redirects writes, and takes over when the writer is killed.
/// </summary>
public sealed class FailoverProcessTests
{
    private const int Transfers = 60;
    private static readonly TimeSpan TakeoverTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WriterKilled_FollowerTakesOverExactlyOnce()
    {
        using var data = new TempFolder();
        var writerUrl = $"http://127.0.0.1:{ServeProcessTests.FreePort()}";
        var followerUrl = $"http://127.0.0.1:{ServeProcessTests.FreePort()}";
        var (writer, _) = await ServeProcessTests.StartAsync(data.Path, writerUrl);
        var (follower, _) = await ServeProcessTests.StartAsync(data.Path, followerUrl);
        try
        {
            var key = (await File.ReadAllTextAsync(Path.Combine(data.Path, "operator.key"))).Trim();
            using var toWriter = ServeProcessTests.Client(writerUrl, key);
            using var toFollower = ServeProcessTests.Client(followerUrl, key);
            var securities = await toWriter.GetFromJsonAsync<JsonElement>("/v1/securities");
            var (securityId, from, to) = await ServeProcessTests.FindAllowedTransferAsync(toWriter, securities);
            var path = $"/v1/securities/{securityId}/transfers";
            var fromBefore = decimal.Parse(await ServeProcessTests.BalanceAsync(toWriter, securityId, from), System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal("follower", await RoleAsync(followerUrl));
            // HttpClient drops the Authorization header when it follows a redirect, so this probe does not follow it.
            using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(followerUrl) };
            noRedirects.DefaultRequestHeaders.Authorization = toFollower.DefaultRequestHeaders.Authorization;
            using (var redirected = await PostWithKeyAsync(noRedirects, path, from, to, "redirect-probe"))
            {
                Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
                Assert.Equal(writerUrl + path, redirected.Headers.Location?.ToString());
            }

            // Half of the transfers reach the writer; then it dies without any chance to clean up.
            var acknowledged = new List<string>();
            for (var i = 0; i < Transfers / 2; i++)
            {
                using var response = await PostWithKeyAsync(toWriter, path, from, to, $"t-{i}");
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                acknowledged.Add($"t-{i}");
            }

            writer.Kill();
            await writer.WaitForExitAsync();
            var killed = Stopwatch.StartNew();
            await WaitForRoleAsync(followerUrl, "writer");
            var takeover = killed.Elapsed;

            // Clients retry every key, acknowledged or not, on the new writer; none may run twice.
            for (var i = 0; i < Transfers; i++)
            {
                using var response = await PostWithKeyAsync(toFollower, path, from, to, $"t-{i}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict && body.Contains("request_already_applied"),
                    $"t-{i}: {(int)response.StatusCode} {body}");
                Assert.Equal(i < Transfers / 2, response.Headers.Contains("Idempotent-Replayed"));
            }

            var fromAfter = decimal.Parse(await ServeProcessTests.BalanceAsync(toFollower, securityId, from), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Transfers / 2, acknowledged.Count);
            Assert.Equal(Transfers, fromBefore - fromAfter);
            Assert.True(takeover < TakeoverTimeout, $"Takeover took {takeover}.");
        }
        finally
        {
            if (!writer.HasExited)
            {
                writer.Kill();
            }

            await ServeProcessTests.StopAsync(follower);
        }

        var verify = await RegistraCli.RunAsync("verify", "--data", data.Path);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string path, string from, string to, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { from, to, amount = "1" }) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<string?> RoleAsync(string url)
    {
        using var probe = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var ready = await probe.GetFromJsonAsync<JsonElement>("/health/ready");
        return ready.GetProperty("role").GetString();
    }

    private static async Task WaitForRoleAsync(string url, string role)
    {
        var deadline = DateTime.UtcNow + TakeoverTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await RoleAsync(url) == role)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The node at {url} did not become the {role} within {TakeoverTimeout}.");
    }
}

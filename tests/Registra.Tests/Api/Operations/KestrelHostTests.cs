using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Registra.Access;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Ledger.Engine;
using Registra.Tests.Ledger;

namespace Registra.Tests.Api.Operations;

/// <summary>The API on a real Kestrel server bound to 127.0.0.1 with an ephemeral port.</summary>
public sealed class KestrelHostTests
{
    [Fact]
    public async Task Shutdown_LetsRequestInFlightComplete()
    {
        using var folder = new TempFolder();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = ApiHost.Build(new ApiOptions { DataDirectory = folder.Path, Urls = "http://127.0.0.1:0" },
            configure: builder => builder.Services.AddSingleton<IStartupFilter>(new SlowTransfers(entered)));
        await app.StartAsync();
        var key = CreateOperatorKey(app);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var securityId = await SeedAsync(client);

        var transfer = client.PostAsJsonAsync($"/v1/securities/{securityId}/transfers", new { from = "alice-1", to = "bob-1", amount = "100" });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await app.StopAsync();
        using var response = await transfer;
        await app.DisposeAsync();

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var reopened = LedgerEngine.Open(folder.Path);
        var balance = await reopened.ReadAsync(register => register.BalanceAt(securityId, "bob-1", DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal("100", balance.Format(0));
    }

    [Fact]
    public async Task Https_WithCertificate_ServesHsts()
    {
        using var folder = new TempFolder();
        var certificatePath = folder.Combine("server.pfx");
        using (var certificate = CreateSelfSigned())
        {
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "secret"));
        }

        var app = ApiHost.Build(new ApiOptions
        {
            DataDirectory = folder.Path,
            Urls = "https://127.0.0.1:0",
            CertificatePath = certificatePath,
            CertificatePassword = "secret",
        });
        await app.StartAsync();
        try
        {
            // The test trusts only the certificate it made; HSTS skips the host name localhost, so another name is sent.
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Subject == "CN=registra.test",
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Host = "registra.test";

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("https://", app.Urls.Single());
            Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Https_WrongPassword_FailsAtStart()
    {
        using var folder = new TempFolder();
        var certificatePath = folder.Combine("server.pfx");
        using (var certificate = CreateSelfSigned())
        {
            File.WriteAllBytes(certificatePath, certificate.Export(X509ContentType.Pfx, "secret"));
        }

        var error = Assert.Throws<InvalidOperationException>(() => ApiHost.Build(new ApiOptions
        {
            DataDirectory = folder.Path,
            Urls = "https://127.0.0.1:0",
            CertificatePath = certificatePath,
            CertificatePassword = "wrong",
        }));

        Assert.Contains(certificatePath, error.Message);
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=registra.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("registra.test");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static string CreateOperatorKey(WebApplication app) =>
        app.Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.Create("test operator", ActorRole.Operator, null, Permissions.None)).Key;

    private static async Task<string> SeedAsync(HttpClient client)
    {
        async Task<JsonElement> Post(string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"POST {path}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        await Post("/v1/issuers", new { id = "acme", name = "Acme Corp" });
        var security = await Post("/v1/securities", new { issuerId = "acme", name = "Acme Common", assetClass = "equity", decimals = 0 });
        var securityId = security.GetProperty("id").GetString()!;
        await Post("/v1/claim-issuers", new { id = "kyc-co", name = "KYC Co" });
        await Post($"/v1/securities/{securityId}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        foreach (var investor in new[] { "alice", "bob" })
        {
            await Post("/v1/identities", new { id = investor, kind = "individual", name = investor, accounts = new[] { investor + "-1" } });
            await Post($"/v1/identities/{investor}/claims", new { id = "kyc", type = "kyc", value = "true", claimIssuerId = "kyc-co", validFrom = "2020-01-01T00:00:00Z" });
        }

        await Post($"/v1/securities/{securityId}/issuances", new { accountId = "alice-1", amount = "1000" });
        return securityId;
    }

    /// <summary>Holds each transfer request for half a second after it arrives, so the test can stop the host meanwhile.</summary>
    private sealed class SlowTransfers(TaskCompletionSource entered) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.Value?.EndsWith("/transfers", StringComparison.Ordinal) == true)
                {
                    entered.TrySetResult();
                    await Task.Delay(500);
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

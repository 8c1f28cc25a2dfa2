using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registra.Access;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Api;

/// <summary>
/// The REST API on an in-memory test server over a real SQLite data folder, with an operator
/// client and helpers to mint keys for other roles.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    private readonly ApiOptions _options;
    private readonly string _operatorKey;
    private bool _stopped;

    private ApiFixture(TempFolder folder, WebApplication app, ApiOptions options, string operatorKey, ShiftedClock clock)
    {
        Folder = folder;
        Clock = clock;
        App = app;
        _options = options;
        _operatorKey = operatorKey;
        Operator = Client(operatorKey);
    }

    public TempFolder Folder { get; }

    public WebApplication App { get; }

    public HttpClient Operator { get; }

    /// <summary>The server's clock: system time until a test advances it.</summary>
    public ShiftedClock Clock { get; }

    public static async Task<ApiFixture> StartAsync(Func<ApiOptions, ApiOptions>? configure = null)
    {
        var folder = new TempFolder();
        var options = new ApiOptions { DataDirectory = folder.Path };
        options = configure?.Invoke(options) ?? options;
        var clock = new ShiftedClock();
        var app = Build(options, clock);
        await app.StartAsync();
        var (_, key) = app.Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.CreateFirstOperatorKey())!.Value;
        return new ApiFixture(folder, app, options, key, clock);
    }

    /// <summary>Builds the API on the in-memory test server with the given clock as its time provider.</summary>
    private static WebApplication Build(ApiOptions options, ShiftedClock clock) =>
        ApiHost.Build(options, configure: builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<TimeProvider>(clock);
        });

    /// <summary>
    /// Stops this server as a shutdown would and starts a new one on the same data folder, which
    /// the returned fixture then owns. <paramref name="beforeStart"/> runs on the stopped folder.
    /// </summary>
    public async Task<ApiFixture> RestartAsync(Action<string>? beforeStart = null)
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _stopped = true;
        beforeStart?.Invoke(Folder.Path);

        var app = Build(_options, Clock);
        await app.StartAsync();
        return new ApiFixture(Folder, app, _options, _operatorKey, Clock);
    }

    /// <summary>A client that sends the given API key as a bearer token.</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = App.GetTestClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Creates an API key for the role and returns a client using it.</summary>
    public HttpClient ClientFor(ActorRole role, string? scope = null, Permissions permissions = Permissions.None)
    {
        var (_, key) = App.Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.Create(role.ToString(), role, scope, permissions));
        return Client(key);
    }

    /// <summary>Creates an API key for the role and returns a client using it with the caller id the ledger records for it ("key:ID").</summary>
    public (HttpClient Client, string CallerId) CallerFor(ActorRole role, string? scope = null, Permissions permissions = Permissions.None)
    {
        var (record, key) = App.Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.Create(role.ToString(), role, scope, permissions));
        return (Client(key), record.ToActor().Id);
    }

    /// <summary>Creates issuer "acme", a security with the given decimals, a claim issuer and verified investors with accounts "{name}-1".</summary>
    public async Task<string> SeedAsync(int decimals = 0, params string[] investors)
    {
        await PostOk("/v1/issuers", new { id = "acme", name = "Acme Corp" });
        var security = await PostOk("/v1/securities", new { issuerId = "acme", name = "Acme Common", assetClass = "equity", decimals });
        var securityId = security.GetProperty("id").GetString()!;
        await PostOk("/v1/claim-issuers", new { id = "kyc-co", name = "KYC Co" });
        await PostOk($"/v1/securities/{securityId}/trusted-issuers", new { claimIssuerId = "kyc-co" });
        foreach (var investor in investors)
        {
            await PostOk("/v1/identities", new { id = investor, kind = "individual", name = investor, accounts = new[] { investor + "-1" } });
            await PostOk($"/v1/identities/{investor}/claims", new { id = "kyc", type = "kyc", value = "true", claimIssuerId = "kyc-co", validFrom = "2020-01-01T00:00:00Z" });
        }

        return securityId;
    }

    public async Task<System.Text.Json.JsonElement> PostOk(string path, object body)
    {
        using var response = await Operator.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Stops the server and deletes the folder, unless a restarted fixture took both over.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        await App.StopAsync();
        await App.DisposeAsync();
        Folder.Dispose();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registra.Access;
using Registra.Api.Auth;
using Registra.Api.Hosting;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Api;

// The command-line tool's top-level Program is visible here too; the fixture boots the API's.
using Program = Registra.Api.Program;

/// <summary>
/// The REST API booted through <c>WebApplicationFactory&lt;Program&gt;</c> on an in-memory test
/// server over a real SQLite data folder, with an operator client and helpers to mint keys for other roles.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    private static readonly WebApplicationFactoryClientOptions ClientOptions = new() { AllowAutoRedirect = false, HandleCookies = false };

    private readonly ApiOptions _options;
    private readonly string _operatorKey;
    private bool _stopped;

    private ApiFixture(TempFolder folder, WebApplicationFactory<Program> factory, ApiOptions options, string operatorKey, ShiftedClock clock)
    {
        Folder = folder;
        Clock = clock;
        Factory = factory;
        _options = options;
        _operatorKey = operatorKey;
        Operator = Client(operatorKey);
    }

    public TempFolder Folder { get; }

    /// <summary>The factory that booted the API's entry point with this fixture's settings.</summary>
    public WebApplicationFactory<Program> Factory { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>The operator key the server wrote to operator.key at its first start.</summary>
    public string OperatorKey => _operatorKey;

    public TestServer Server => Factory.Server;

    public HttpClient Operator { get; }

    /// <summary>The server's clock: system time until a test advances it.</summary>
    public ShiftedClock Clock { get; }

    /// <summary>
    /// Starts the API's entry point on a new data folder, with <paramref name="configure"/>'s
    /// options passed as configuration. The operator key is the one the entry point wrote to operator.key.
    /// </summary>
    /// <param name="configure">Changes to the default options.</param>
    /// <param name="web">More host settings, such as a log provider or a configuration value.</param>
    public static async Task<ApiFixture> StartAsync(Func<ApiOptions, ApiOptions>? configure = null, Action<IWebHostBuilder>? web = null)
    {
        var folder = new TempFolder();
        var options = new ApiOptions { DataDirectory = folder.Path };
        options = configure?.Invoke(options) ?? options;
        var clock = new ShiftedClock();
        var factory = Start(options, clock, web);
        var key = (await File.ReadAllTextAsync(Path.Combine(folder.Path, ApiServer.OperatorKeyFileName))).Trim();
        return new ApiFixture(folder, factory, options, key, clock);
    }

    /// <summary>Boots <see cref="Program"/> on the test server with the options as settings and the given clock as its time provider.</summary>
    private static WebApplicationFactory<Program> Start(ApiOptions options, ShiftedClock clock, Action<IWebHostBuilder>? configure = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in ApiSettings.From(options))
            {
                web.UseSetting(key, value);
            }

            // The factory defaults to Development; registra serve runs as Production, so the tests do too.
            web.UseEnvironment(Environments.Production);
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
            configure?.Invoke(web);
        });

        // Reading the server runs the entry point and waits until the host has started.
        _ = factory.Server;
        return factory;
    }

    /// <summary>
    /// Stops this server as a shutdown would and starts a new one on the same data folder, which
    /// the returned fixture then owns. <paramref name="beforeStart"/> runs on the stopped folder.
    /// </summary>
    public async Task<ApiFixture> RestartAsync(Action<string>? beforeStart = null)
    {
        await Factory.DisposeAsync();
        _stopped = true;
        beforeStart?.Invoke(Folder.Path);

        return new ApiFixture(Folder, Start(_options, Clock), _options, _operatorKey, Clock);
    }

    /// <summary>A client that sends the given API key as a bearer token.</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = Factory.CreateClient(ClientOptions);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Creates an API key for the role and returns a client using it.</summary>
    public HttpClient ClientFor(ActorRole role, string? scope = null, Permissions permissions = Permissions.None)
    {
        var (_, key) = Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.Create(role.ToString(), role, scope, permissions));
        return Client(key);
    }

    /// <summary>Creates an API key for the role and returns a client using it with the caller id the ledger records for it ("key:ID").</summary>
    public (HttpClient Client, string CallerId) CallerFor(ActorRole role, string? scope = null, Permissions permissions = Permissions.None)
    {
        var (record, key) = Services.GetRequiredService<ApiKeyCache>().Change(registry => registry.Create(role.ToString(), role, scope, permissions));
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

        await Factory.DisposeAsync();
        Folder.Dispose();
    }
}

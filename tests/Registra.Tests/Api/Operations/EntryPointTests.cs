using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Registra.Api.Hosting;
using Registra.Ledger;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Api.Operations;

using Program = Registra.Api.Program;

/// <summary>The API's entry point booted by WebApplicationFactory, and the configuration it reads.</summary>
public sealed class EntryPointTests
{
    [Fact]
    public async Task FirstStart_WritesOwnerOnlyOperatorKey()
    {
        await using var api = await ApiFixture.StartAsync();
        var path = Path.Combine(api.Folder.Path, ApiServer.OperatorKeyFileName);

        using var response = await api.Operator.GetAsync("/v1/securities");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("rk_", await File.ReadAllTextAsync(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task WithWebHostBuilder_Settings_ReachTheRunningApi()
    {
        using var folder = new TempFolder();
        await using var factory = new WebApplicationFactory<Program>();
        var configured = factory.WithWebHostBuilder(web => web
            .UseSetting("Registra:DataDirectory", folder.Path)
            .UseSetting("Registra:RateLimitPerSecond", "1")
            .UseSetting("Registra:RateLimitBurst", "3")
            .UseSetting("Registra:MaxRequestBodyBytes", "4096"));
        using var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await File.ReadAllTextAsync(folder.Combine(ApiServer.OperatorKeyFileName))).Trim());

        using var response = await client.GetAsync("/v1/securities");
        var options = configured.Services.GetRequiredService<ApiOptions>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal(folder.Path, options.DataDirectory);
        Assert.Equal(4096, options.MaxRequestBodyBytes);
        Assert.True(File.Exists(folder.Combine(JournalLocation.SqliteFileName)));
    }

    [Fact]
    public async Task UnknownSetting_FailsBeforeTouchingData()
    {
        using var folder = new TempFolder();
        await using var factory = new WebApplicationFactory<Program>();
        var configured = factory.WithWebHostBuilder(web => web
            .UseSetting("Registra:DataDirectory", folder.Path)
            .UseSetting("Registra:RateLimt", "5"));

        var error = Assert.Throws<InvalidOperationException>(() => configured.Server);

        Assert.Contains("without ever building", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Read_EveryOption_RoundTripsThroughSettings()
    {
        var expected = new ApiOptions
        {
            DataDirectory = Path.GetFullPath("some-data"),
            Urls = "http://127.0.0.1:9090",
            AdvertiseUrl = "http://10.0.0.5:9090",
            LeaseRetryInterval = TimeSpan.FromMilliseconds(750),
            ExampleFolder = "examples/ocf/meridian-harbor",
            RateLimitPerSecond = 11,
            RateLimitBurst = 22,
            MaxRequestBodyBytes = 33,
            CertificatePath = "server.pfx",
            CertificatePassword = "secret",
            JwtIssuer = "https://issuer.example",
            JwtAudience = "registra",
            JwtSigningKeyPath = "issuer.pem",
            ApiKeyRotationOverlap = TimeSpan.FromMinutes(5),
            TraceExporter = "console",
            OtlpEndpoint = "http://127.0.0.1:4317",
            AuditLogMaxBytes = 44,
            AuditLogFiles = 5,
            MetricsRoles = "auditor,operator",
        };

        var options = ApiConfiguration.Read(Configuration([.. ApiSettings.From(expected).Select(pair => (pair.Key, pair.Value))]));

        Assert.Equal(expected with { Journal = options.Journal }, options);
        Assert.Equal(JournalLocation.InDataFolder(expected.DataDirectory).SqlitePath, options.Journal!.SqlitePath);
    }

    [Fact]
    public void Read_JournalConnectionString_SelectsPostgres()
    {
        var options = ApiConfiguration.Read(Configuration(
            ("Registra:DataDirectory", "data"),
            ("ConnectionStrings:Journal", "Host=127.0.0.1;Database=registra;Username=registra")));

        Assert.True(options.Journal!.IsPostgres);
        Assert.Equal(Path.GetFullPath("data"), options.DataDirectory);
    }

    [Fact]
    public void Read_MissingDataFolder_IsRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiConfiguration.Read(Configuration(("Registra:RateLimitBurst", "3"))));

        Assert.Contains("Registra:DataDirectory", error.Message);
    }

    [Fact]
    public void Read_WrongType_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiConfiguration.Read(Configuration(
            ("Registra:DataDirectory", "data"),
            ("Registra:RateLimitPerSecond", "fast"))));

        Assert.Contains("Registra:RateLimitPerSecond", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();
}

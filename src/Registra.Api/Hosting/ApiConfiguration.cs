using Microsoft.Extensions.Configuration;
using Registra.Ledger;

namespace Registra.Api.Hosting;

/// <summary>
/// Reads <see cref="ApiOptions"/> from ASP.NET Core configuration (command-line arguments,
/// environment variables, appsettings.json) for the <see cref="Program"/> entry point.
/// </summary>
/// <remarks>
/// Each property of <see cref="ApiOptions"/> is a key of the <c>Registra</c> section, such as
/// <c>--Registra:DataDirectory=data</c> or <c>Registra__RateLimitPerSecond=500</c>. The listening
/// addresses are the standard <c>urls</c> key, and a PostgreSQL journal is the connection string
/// named <c>Journal</c> (<c>ConnectionStrings:Journal</c>).
/// </remarks>
public static class ApiConfiguration
{
    public const string SectionName = "Registra";
    public const string JournalConnectionStringName = "Journal";

    /// <summary>Binds the <c>Registra</c> section, rejecting keys that name no option.</summary>
    /// <exception cref="InvalidOperationException">The data folder is missing, a key is unknown or a value has the wrong type.</exception>
    /// <exception cref="ArgumentException">The journal connection string is malformed.</exception>
    public static ApiOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var dataDirectory = section[nameof(ApiOptions.DataDirectory)];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new InvalidOperationException(
                $"The data folder is not configured: set {SectionName}:{nameof(ApiOptions.DataDirectory)}, for example --{SectionName}:{nameof(ApiOptions.DataDirectory)}=data.");
        }

        var options = new ApiOptions { DataDirectory = Path.GetFullPath(dataDirectory) };
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        var dataFolder = Path.GetFullPath(options.DataDirectory);
        return options with
        {
            DataDirectory = dataFolder,
            Journal = JournalLocation.Parse(configuration.GetConnectionString(JournalConnectionStringName), dataFolder),
            Urls = configuration["urls"] ?? options.Urls,
        };
    }
}

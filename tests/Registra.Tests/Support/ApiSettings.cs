using System.Globalization;
using Registra.Api.Hosting;

namespace Registra.Tests.Support;

/// <summary>
/// Turns <see cref="ApiOptions"/> into the configuration keys that <see cref="ApiConfiguration"/>
/// reads, so a test can describe a server with options and start it through configuration.
/// </summary>
internal static class ApiSettings
{
    public static IEnumerable<KeyValuePair<string, string>> From(ApiOptions options)
    {
        foreach (var property in typeof(ApiOptions).GetProperties())
        {
            var value = property.GetValue(options);
            if (value is null || property.Name is nameof(ApiOptions.Journal) or nameof(ApiOptions.Urls))
            {
                continue;
            }

            var text = value switch
            {
                TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString()!,
            };
            yield return new($"{ApiConfiguration.SectionName}:{property.Name}", text);
        }

        if (options.Urls is { } urls)
        {
            yield return new("urls", urls);
        }

        if (options.Journal is { IsPostgres: true } journal)
        {
            yield return new($"ConnectionStrings:{ApiConfiguration.JournalConnectionStringName}", journal.PostgresConnectionString!);
        }
    }
}

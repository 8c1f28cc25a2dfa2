using Npgsql;

namespace Registra.Ledger;

/// <summary>
/// Converts a libpq-style URL, <c>postgres://user:password@host:port/database?sslmode=require</c>,
/// into an Npgsql connection string, because Npgsql (10.0) takes keyword=value connection strings, not URLs.
/// </summary>
public static class PostgresUrl
{
    // libpq parameter names accepted in the query string, with the Npgsql keyword each maps to.
    private static readonly Dictionary<string, string> QueryKeywords = new(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["search_path"] = "Search Path",
    };

    /// <summary>True when <paramref name="value"/> starts with <c>postgres://</c> or <c>postgresql://</c>.</summary>
    public static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the URL. Percent-encoded parts are decoded, so a unix socket folder is written as <c>%2Frun%2Fpostgresql</c>.</summary>
    /// <exception cref="ArgumentException">The URL is malformed or has a query parameter this parser does not map.</exception>
    public static string ToConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsUrl(url))
        {
            throw new ArgumentException($"'{Redact(url)}' is not a postgres:// or postgresql:// URL.", nameof(url));
        }

        string rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string query = string.Empty;
        int queryStart = rest.IndexOf('?');
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        int pathStart = rest.IndexOf('/');
        string authority = pathStart >= 0 ? rest[..pathStart] : rest;
        string database = pathStart >= 0 ? Uri.UnescapeDataString(rest[(pathStart + 1)..]) : string.Empty;

        var builder = new NpgsqlConnectionStringBuilder();
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            SetUserInfo(builder, authority[..at]);
            authority = authority[(at + 1)..];
        }

        SetHostAndPort(builder, authority, url);
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        SetQuery(builder, query, url);
        return builder.ConnectionString;
    }

    /// <summary>Replaces the password of a URL with <c>***</c>, for error messages.</summary>
    public static string Redact(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        int at = url.LastIndexOf('@');
        int colon = schemeEnd >= 0 && at > schemeEnd ? url.IndexOf(':', schemeEnd + 3, at - schemeEnd - 3) : -1;
        return colon < 0 ? url : url[..(colon + 1)] + "***" + url[at..];
    }

    private static void SetUserInfo(NpgsqlConnectionStringBuilder builder, string userInfo)
    {
        int colon = userInfo.IndexOf(':');
        builder.Username = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
        if (colon >= 0)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
    }

    private static void SetHostAndPort(NpgsqlConnectionStringBuilder builder, string hostAndPort, string url)
    {
        string host = hostAndPort;
        string? port = null;
        if (hostAndPort.StartsWith('['))
        {
            int close = hostAndPort.IndexOf(']');
            if (close < 0)
            {
                throw new ArgumentException($"The IPv6 address in '{Redact(url)}' has no closing ']'.");
            }

            host = hostAndPort[1..close];
            port = hostAndPort.Length > close + 1 && hostAndPort[close + 1] == ':' ? hostAndPort[(close + 2)..] : null;
        }
        else if (hostAndPort.LastIndexOf(':') is var colon and >= 0)
        {
            host = hostAndPort[..colon];
            port = hostAndPort[(colon + 1)..];
        }

        if (host.Length > 0)
        {
            builder.Host = Uri.UnescapeDataString(host);
        }

        if (port is not null)
        {
            builder.Port = int.TryParse(port, out int number) && number is > 0 and < 65536
                ? number
                : throw new ArgumentException($"The port '{port}' in '{Redact(url)}' is not a number from 1 to 65535.");
        }
    }

    private static void SetQuery(NpgsqlConnectionStringBuilder builder, string query, string url)
    {
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string name = Uri.UnescapeDataString(equals >= 0 ? pair[..equals] : pair);
            string value = equals >= 0 ? Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')) : string.Empty;
            if (!QueryKeywords.TryGetValue(name, out string? keyword))
            {
                throw new ArgumentException(
                    $"The parameter '{name}' in '{Redact(url)}' is not supported; use one of {string.Join(", ", QueryKeywords.Keys)}, " +
                    "or give a connection string such as 'Host=...;Database=...' instead.");
            }

            builder[keyword] = value;
        }
    }
}

using System.Globalization;

namespace Registra.Benchmarks.Http;

/// <summary>Options of the <c>fixed-rate</c> subcommand, with their limits.</summary>
internal sealed record FixedRateOptions
{
    /// <summary>Largest number of scheduled requests in one phase, which bounds the memory for their latency records.</summary>
    public const long MaxRequests = 5_000_000;

    public const int MaxConnections = 4096;

    public required Uri Url { get; init; }

    public required string ApiKey { get; init; }

    /// <summary>Scheduled requests per second.</summary>
    public required double Rate { get; init; }

    /// <summary>Length of the measured phase in seconds.</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>Length of an unrecorded phase at the same rate before the measured one, in seconds.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Keep-alive connections, and so the most requests in flight at once.</summary>
    public int Connections { get; init; } = 64;

    /// <summary>How long requests that are due but not yet sent may still go out after the schedule ends, in seconds.</summary>
    public double DrainSeconds { get; init; } = 10;

    /// <summary>Accounts the transfers alternate between, so the balances stay where they were.</summary>
    public string FromAccount { get; init; } = "sh-0001";

    public string ToAccount { get; init; } = "sh-0002";

    public string Amount { get; init; } = "1";

    public FixedRateClient Client { get; init; } = FixedRateClient.Plain;

    /// <summary>When set, the 100 ms windows of the measured phase whose slowest request took longer are listed with their UTC time, to match against server logs and metrics.</summary>
    public double? SlowWindowMs { get; init; }

    public long ScheduledRequests(double seconds) => (long)Math.Round(Rate * seconds);

    public const string Usage =
        "fixed-rate --url URL (--key-file PATH | --key KEY) --rate N [--duration S] [--warmup S] [--connections N] [--drain S] " +
        "[--from ACCOUNT] [--to ACCOUNT] [--amount A] [--client plain|httpclient] [--slow-ms MS]: open-loop load of single-transfer POSTs at a fixed rate against a running server; " +
        "latency counts from each request's scheduled send time.";

    public static bool TryParse(ReadOnlySpan<string> args, out FixedRateOptions? options, out string? error)
    {
        options = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"expected '--option value' at '{args[i]}'";
                return false;
            }

            values[args[i]] = args[i + 1];
        }

        return TryBuild(values, out options, out error);
    }

    private static bool TryBuild(Dictionary<string, string> values, out FixedRateOptions? options, out string? error)
    {
        options = null;
        string[] known = ["--url", "--key", "--key-file", "--rate", "--duration", "--warmup", "--connections", "--drain", "--from", "--to", "--amount", "--client", "--slow-ms"];
        if (values.Keys.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            error = $"unknown option '{unknown}'";
            return false;
        }

        if (!values.TryGetValue("--url", out var urlText) || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            error = "--url is missing or not an absolute http:// or https:// URL, such as http://127.0.0.1:8383/v1/securities/SEC/transfers";
            return false;
        }

        if (ReadKey(values, out error) is not { } key)
        {
            return false;
        }

        if (!TryNumber(values, "--rate", null, 1, 1_000_000, out var rate, out error)
            || !TryNumber(values, "--duration", 10, 0.1, 3600, out var duration, out error)
            || !TryNumber(values, "--warmup", 0, 0, 3600, out var warmup, out error)
            || !TryNumber(values, "--connections", 64, 1, MaxConnections, out var connections, out error)
            || !TryNumber(values, "--drain", 10, 0, 600, out var drain, out error)
            || !TryNumber(values, "--slow-ms", -1, 0, 60_000, out var slowMs, out error))
        {
            return false;
        }

        var clientText = values.GetValueOrDefault("--client", "plain");
        FixedRateClient? client = clientText switch
        {
            "plain" => FixedRateClient.Plain,
            "httpclient" => FixedRateClient.HttpClient,
            _ => null,
        };
        if (client is null || (client == FixedRateClient.Plain && url.Scheme != "http"))
        {
            error = client is null
                ? $"--client must be plain or httpclient, not '{clientText}'"
                : "--client plain speaks plain HTTP only; use --client httpclient for an https:// URL";
            return false;
        }

        options = new FixedRateOptions
        {
            Url = url,
            ApiKey = key,
            Rate = rate,
            DurationSeconds = duration,
            WarmupSeconds = warmup,
            Connections = (int)connections,
            DrainSeconds = drain,
            FromAccount = values.GetValueOrDefault("--from", "sh-0001"),
            ToAccount = values.GetValueOrDefault("--to", "sh-0002"),
            Amount = values.GetValueOrDefault("--amount", "1"),
            Client = client.Value,
            SlowWindowMs = slowMs < 0 ? null : slowMs,
        };
        var largest = Math.Max(options.ScheduledRequests(duration), options.ScheduledRequests(warmup));
        if (largest > MaxRequests)
        {
            error = $"--rate times --duration (or --warmup) schedules {largest:N0} requests; the limit is {MaxRequests:N0}, so lower the rate or shorten the phase";
            options = null;
            return false;
        }

        return true;
    }

    private static string? ReadKey(Dictionary<string, string> values, out string? error)
    {
        error = null;
        if (values.TryGetValue("--key", out var key) == values.ContainsKey("--key-file"))
        {
            error = "give the API key with exactly one of --key-file PATH or --key KEY";
            return null;
        }

        if (key is null)
        {
            var path = values["--key-file"];
            if (!File.Exists(path))
            {
                error = $"--key-file {path} not found";
                return null;
            }

            key = File.ReadAllText(path).Trim();
        }

        if (key.Length == 0)
        {
            error = "the API key is empty";
            return null;
        }

        return key;
    }

    private static bool TryNumber(Dictionary<string, string> values, string name, double? fallback, double min, double max, out double value, out string? error)
    {
        error = null;
        if (!values.TryGetValue(name, out var text))
        {
            value = fallback ?? 0;
            if (fallback is null)
            {
                error = $"{name} is missing";
            }

            return fallback is not null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"{name} must be a number from {min} to {max}, not '{text}'";
            return false;
        }

        return true;
    }
}

/// <summary>How the <c>fixed-rate</c> subcommand sends its requests.</summary>
internal enum FixedRateClient
{
    /// <summary>Prepared request bytes over plain TCP sockets (<see cref="PlainHttpConnection"/>), the cheaper client.</summary>
    Plain,

    /// <summary>.NET's <see cref="System.Net.Http.HttpClient"/>, which also speaks HTTPS.</summary>
    HttpClient,
}

namespace Registra.Api.Hosting;

/// <summary>Settings of <c>registra serve</c>.</summary>
public sealed record ApiOptions
{
    /// <summary>Data folder with the node key and the journal.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Addresses to listen on, such as http://127.0.0.1:8080; empty uses the framework default.</summary>
    public string? Urls { get; init; }

    /// <summary>Imports the example cap table into an empty data folder at start-up.</summary>
    public string? ExampleFolder { get; init; }

    /// <summary>Requests per second each API key may make on average (token bucket refill).</summary>
    public int RateLimitPerSecond { get; init; } = 2000;

    /// <summary>Requests an API key may burst above the average rate.</summary>
    public int RateLimitBurst { get; init; } = 4000;

    /// <summary>Largest accepted request body in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;
}

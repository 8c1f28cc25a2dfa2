using Registra.Ledger;

namespace Registra.Api.Hosting;

/// <summary>Settings of <c>registra serve</c>.</summary>
public sealed record ApiOptions
{
    /// <summary>Data folder with the node key, and with the journal unless <see cref="Journal"/> names another place.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where the journal is stored; null for journal.db in <see cref="DataDirectory"/>.</summary>
    public JournalLocation? Journal { get; init; }

    /// <summary>Addresses to listen on, such as http://127.0.0.1:8080; empty uses the framework default.</summary>
    public string? Urls { get; init; }

    /// <summary>
    /// Address that other nodes give clients for writes while this node is the writer, such as
    /// http://10.0.0.5:8080; null uses the first of <see cref="Urls"/>.
    /// </summary>
    public string? AdvertiseUrl { get; init; }

    /// <summary>How often a follower tries to take the writer lease.</summary>
    public TimeSpan LeaseRetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the writer releases holds whose expiry has passed.</summary>
    public TimeSpan HoldExpiryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Imports the example cap table into an empty data folder at start-up.</summary>
    public string? ExampleFolder { get; init; }

    /// <summary>Requests per second each API key may make on average (token bucket refill).</summary>
    public int RateLimitPerSecond { get; init; } = 2000;

    /// <summary>Requests an API key may burst above the average rate.</summary>
    public int RateLimitBurst { get; init; } = 4000;

    /// <summary>Largest accepted request body in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Size in bytes at which audit.log is rotated to audit.log.1; 0 never rotates it.</summary>
    public long AuditLogMaxBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Rotated audit log files to keep (audit.log.1 to audit.log.N); 0 keeps every one.</summary>
    public int AuditLogFiles { get; init; }

    /// <summary>
    /// Roles whose API keys or tokens may read /metrics, separated by commas, such as "operator,auditor";
    /// null or empty leaves /metrics open to anonymous callers.
    /// </summary>
    public string? MetricsRoles { get; init; }

    /// <summary>PKCS#12 (.pfx) file with the HTTPS certificate and private key; when set, https:// addresses use it and HSTS is sent.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>Password of <see cref="CertificatePath"/>, if the file has one.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>Issuer (<c>iss</c>) that bearer JWTs must carry; JWTs are accepted only when this, the audience and the signing key are set.</summary>
    public string? JwtIssuer { get; init; }

    /// <summary>Audience (<c>aud</c>) that bearer JWTs must carry.</summary>
    public string? JwtAudience { get; init; }

    /// <summary>File with the issuer's public signing key: a PEM public key or certificate, or a JWKS document (.json).</summary>
    public string? JwtSigningKeyPath { get; init; }

    /// <summary>How long a rotated API key stays valid next to its replacement.</summary>
    public TimeSpan ApiKeyRotationOverlap { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Trace exporter: null or "none" keeps traces in process (ids still reach logs), "console" or "otlp".</summary>
    public string? TraceExporter { get; init; }

    /// <summary>OTLP endpoint for <see cref="TraceExporter"/> "otlp"; null uses the exporter's default or OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string? OtlpEndpoint { get; init; }
}

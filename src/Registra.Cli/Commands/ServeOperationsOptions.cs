using System.CommandLine;
using System.Numerics;
using Registra.Api.Hosting;
using Registra.Api.Operations;

namespace Registra.Cli.Commands;

/// <summary>The <c>registra serve</c> options for rate limits, HTTPS, bearer JWTs, tracing, the audit log and access to /metrics.</summary>
internal sealed class ServeOperationsOptions
{
    /// <summary>Environment variable with the password of the HTTPS certificate, kept off the command line.</summary>
    public const string CertificatePasswordVariable = "REGISTRA_CERTIFICATE_PASSWORD";

    private readonly Option<int?> _rateLimit = new("--rate-limit") { Description = "Requests per second each API key or client address may make on average." };
    private readonly Option<int?> _rateLimitBurst = new("--rate-limit-burst") { Description = "Requests each API key or client address may make at once above the average." };
    private readonly Option<FileInfo?> _certificate = new("--certificate")
    {
        Description = $"PKCS#12 (.pfx) file for https:// addresses; its password is read from {CertificatePasswordVariable}. Turns on HSTS.",
    };
    private readonly Option<string?> _jwtIssuer = new("--jwt-issuer") { Description = "Accept bearer JWTs whose iss claim is this value." };
    private readonly Option<string?> _jwtAudience = new("--jwt-audience") { Description = "Accept bearer JWTs whose aud claim contains this value." };
    private readonly Option<FileInfo?> _jwtSigningKey = new("--jwt-signing-key") { Description = "The JWT issuer's public key: a PEM public key or certificate, or a JWKS file (.json)." };
    private readonly Option<string?> _traceExporter = new("--trace-exporter") { Description = "Where traces go: none (the default), console or otlp." };
    private readonly Option<string?> _advertiseUrl = new("--advertise-url")
    {
        Description = "Address that follower nodes redirect writes to while this node is the writer; defaults to the first --urls address.",
    };
    private readonly Option<long?> _auditLogMaxBytes = new("--audit-log-max-bytes")
    {
        Description = "Size in bytes at which audit.log is renamed to audit.log.1 and a new file started (default 104857600, 100 MiB); 0 never rotates it.",
    };
    private readonly Option<int?> _auditLogFiles = new("--audit-log-files")
    {
        Description = "Rotated audit log files to keep, audit.log.1 being the newest; older ones are deleted. The default, 0, keeps every file.",
    };
    private readonly Option<string?> _metricsRoles = new("--metrics-roles")
    {
        Description = "Require an API key or token with one of these roles for /metrics, separated by commas (operator, issuer-agent, claim-issuer, investor, auditor). " +
            "Without it /metrics is open to anyone; /health/live and /health/ready always are.",
    };
    private readonly Option<string?> _otlpEndpoint = new("--otlp-endpoint") { Description = "OTLP collector address for --trace-exporter otlp, such as http://127.0.0.1:4317." };

    public static ServeOperationsOptions Create() => new();

    public void AddTo(Command command)
    {
        RequirePositive(_rateLimit);
        RequirePositive(_rateLimitBurst);
        RequireNotNegative(_auditLogMaxBytes);
        RequireNotNegative(_auditLogFiles);
        _metricsRoles.Validators.Add(result =>
        {
            if (!MetricsAccess.TryParseRoles(result.GetValueOrDefault<string?>(), out _, out var error))
            {
                result.AddError($"--metrics-roles: {error}");
            }
        });
        command.Options.Add(_rateLimit);
        command.Options.Add(_rateLimitBurst);
        command.Options.Add(_certificate);
        command.Options.Add(_jwtIssuer);
        command.Options.Add(_jwtAudience);
        command.Options.Add(_jwtSigningKey);
        command.Options.Add(_traceExporter);
        command.Options.Add(_otlpEndpoint);
        command.Options.Add(_advertiseUrl);
        command.Options.Add(_auditLogMaxBytes);
        command.Options.Add(_auditLogFiles);
        command.Options.Add(_metricsRoles);
    }

    private static void RequirePositive(Option<int?> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int?>() is < 1 and var value)
        {
            result.AddError($"{option.Name} must be at least 1, not {value}.");
        }
    });

    private static void RequireNotNegative<T>(Option<T?> option)
        where T : struct, INumber<T> => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<T?>() is { } value && T.IsNegative(value))
        {
            result.AddError($"{option.Name} must be 0 or more, not {value}.");
        }
    });

    public ApiOptions Apply(ParseResult parse, ApiOptions options) => options with
    {
        RateLimitPerSecond = parse.GetValue(_rateLimit) ?? options.RateLimitPerSecond,
        RateLimitBurst = parse.GetValue(_rateLimitBurst) ?? options.RateLimitBurst,
        CertificatePath = parse.GetValue(_certificate)?.FullName,
        CertificatePassword = Environment.GetEnvironmentVariable(CertificatePasswordVariable),
        JwtIssuer = parse.GetValue(_jwtIssuer),
        JwtAudience = parse.GetValue(_jwtAudience),
        JwtSigningKeyPath = parse.GetValue(_jwtSigningKey)?.FullName,
        TraceExporter = parse.GetValue(_traceExporter),
        OtlpEndpoint = parse.GetValue(_otlpEndpoint),
        AdvertiseUrl = parse.GetValue(_advertiseUrl),
        AuditLogMaxBytes = parse.GetValue(_auditLogMaxBytes) ?? options.AuditLogMaxBytes,
        AuditLogFiles = parse.GetValue(_auditLogFiles) ?? options.AuditLogFiles,
        MetricsRoles = parse.GetValue(_metricsRoles),
    };
}

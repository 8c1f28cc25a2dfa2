namespace Registra.Api.OpenApi;

/// <summary>
/// The shape of every error body (RFC 9457 problem details) as the OpenAPI document declares it.
/// <see cref="Problems.ApiProblems"/> writes the body; the contract tests check that the two agree.
/// </summary>
/// <param name="Type">
/// A /v1/problems/{code} URI for Registra rejections; an RFC 9110 section link for errors the
/// framework writes itself (401 without a valid key, 404 for an unknown route, 500).
/// </param>
/// <param name="Code">The reason code; absent on errors the framework writes and on 428.</param>
/// <param name="Failures">Every failed check, so a client can show all of them at once.</param>
public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    string? Instance = null,
    string? Code = null,
    IReadOnlyList<ProblemFailure>? Failures = null,
    string? TraceId = null);

/// <summary>One failed check inside a problem document.</summary>
/// <param name="Rule">The rule or check that failed, such as "max_balance" or "amount".</param>
/// <param name="Limit">The rule's limit, when it has one.</param>
/// <param name="Current">The value that broke the limit.</param>
/// <param name="Subject">The id or value the failure is about.</param>
/// <param name="Hint">What the client can do about it.</param>
public sealed record ProblemFailure(string Code, string Rule, string? Limit, string? Current, string? Subject, string Hint);

/// <summary>The body of <c>GET /v1/problems/{code}</c>.</summary>
/// <param name="Erc1066">Nearest ERC-1066 status byte as hex, such as "0x52".</param>
/// <param name="Erc1404">Registra's ERC-1404 restriction code.</param>
public sealed record ProblemTypeDocument(string Type, string Code, int Status, string Message, string Erc1066, int Erc1404);

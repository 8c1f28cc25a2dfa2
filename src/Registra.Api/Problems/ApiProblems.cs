using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Registra.Reasons;

namespace Registra.Api.Problems;

/// <summary>
/// Turns rejections into RFC 9457 problem details: one stable <c>type</c> per reason code,
/// the code, and every failure with its rule, limit, current value and hint.
/// </summary>
public static class ApiProblems
{
    public const string TypePrefix = "/v1/problems/";

    /// <param name="status">Overrides the HTTP status that the primary failure's code implies.</param>
    public static IResult Rejected(IReadOnlyList<Failure> failures, int? status = null)
    {
        var primary = failures.FirstOrDefault(f => f.Code == Reasons.Reasons.PermissionDenied) ?? failures[0];
        var problem = new ProblemDetails
        {
            Type = TypePrefix + primary.Code.Name,
            Title = Title(primary.Code),
            Status = status ?? (primary.Code.HttpStatus == 202 ? StatusCodes.Status409Conflict : primary.Code.HttpStatus),
            Detail = Shorten(string.Join(" ", failures.Select(f => f.Hint).Distinct()), MaxDetailLength),
        };
        problem.Extensions["code"] = primary.Code.Name;
        problem.Extensions["failures"] = failures.Select(ToJson).ToArray();
        problem.Extensions["traceId"] = Activity.Current?.Id;
        return Results.Problem(problem);
    }

    /// <summary>A request that could not be read: malformed JSON, wrong types, a missing field.</summary>
    public static IResult InvalidRequest(string detail, string? value = null) =>
        Rejected([new Failure(Reasons.Reasons.InvalidArgument, "request", null, value, detail) { Subject = value }]);

    /// <summary>A request body over the configured limit: status 413 with the <c>payload_too_large</c> code.</summary>
    public static IResult TooLarge(long maxBytes) =>
        Rejected([new Failure(Reasons.Reasons.PayloadTooLarge, "request", maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            $"The request body is larger than the server accepts ({maxBytes} bytes); split it into smaller requests.")]);

    public static object ToJson(Failure failure) => new
    {
        code = failure.Code.Name,
        rule = failure.Rule,
        limit = Shorten(failure.Limit, MaxValueLength),
        current = Shorten(failure.Current, MaxValueLength),
        subject = Shorten(failure.Subject, MaxValueLength),
        hint = Shorten(failure.Hint, MaxDetailLength),
    };

    // A client that sends a 100,000-character id must not get it back three times, so quoted values
    // and sentences are cut with their length stated. Real ids, codes and hints are far shorter.
    private const int MaxValueLength = 200;
    private const int MaxDetailLength = 2000;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Shorten(string? text, int max) =>
        text is null || text.Length <= max ? text : $"{text[..max]}… ({text.Length} characters)";

    /// <summary>A short title from the code's name: "insufficient_balance" becomes "Insufficient balance".</summary>
    public static string Title(ReasonCode code) =>
        char.ToUpperInvariant(code.Name[0]) + code.Name[1..].Replace('_', ' ');
}

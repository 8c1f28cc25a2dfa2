using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Registra.Api.Hosting;

/// <summary>
/// Turns body and parameter binding failures into messages that name the field, the value when it
/// is known, and the fix, in place of the serializer's and the framework's messages for developers.
/// </summary>
internal static partial class RequestErrors
{
    /// <summary>What went wrong: the message, the field or parameter it is about, and the value sent when known.</summary>
    public sealed record Description(string Detail, string? Field = null, string? Value = null);

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>[^ ""]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex ParameterBinding();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex QuotedName();

    /// <summary>
    /// Describes a binding failure. <paramref name="bodyType"/> is the type the endpoint reads its
    /// body into, when known; it lets a wrong value be described by what the field expects.
    /// </summary>
    public static Description Describe(Exception error, Type? bodyType)
    {
        if ((error.InnerException as JsonException ?? error as JsonException) is { } json)
        {
            return DescribeJson(json, bodyType);
        }

        if (error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return new("The request body is larger than the server accepts; split it into smaller requests.");
        }

        return DescribeRequest(error.Message);
    }

    private static Description DescribeJson(JsonException json, Type? bodyType)
    {
        var path = json.Path is { Length: > 0 } found ? found : "$";
        var message = json.Message;
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            var expected = ExpectedValue(bodyType, path);
            return new(expected is null
                ? $"The value at {path} has the wrong type for this field; the reference at /docs gives each field's type."
                : $"The value at {path} must be {expected}; fix it and retry.", path);
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return new($"'{FirstQuoted(message)}' is not a field of this request; remove it. The reference at /docs lists the fields.", path);
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return new($"The field '{FirstQuoted(message)}' appears more than once; send each field once.", path);
        }

        if (message.Contains("doesn't allow null values", StringComparison.Ordinal)
            || message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
        {
            return new($"The value at {path} must not be null; send a value or, if the field is optional, leave it out.", path);
        }

        if (message.Contains("was missing required properties", StringComparison.Ordinal))
        {
            var missing = message[(message.IndexOf("including:", StringComparison.Ordinal) + "including:".Length)..].Trim().TrimEnd('.');
            return missing.Contains(',', StringComparison.Ordinal)
                ? new($"The request body lacks the required fields {missing}; add them and retry.", path)
                : new($"The request body lacks the required field {missing}; add it and retry.", path);
        }

        // What is left are JSON syntax errors, whose reader message names the character and position.
        return new($"The request body is not valid JSON at {path}: {message.Split(" Path:")[0].Split(" LineNumber:")[0]} Fix the JSON and retry.", path);
    }

    private static Description DescribeRequest(string message)
    {
        if (ParameterBinding().Match(message) is { Success: true } binding)
        {
            var name = binding.Groups["name"].Value;
            var value = binding.Groups["value"].Value;
            return new($"The parameter '{name}' must be {ParameterExpectation(binding.Groups["type"].Value)}, not '{value}'.", name, value);
        }

        if (message.Contains("no body was provided", StringComparison.Ordinal) || message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return new("The request body is empty; send a JSON object with this endpoint's fields, which the reference at /docs lists.");
        }

        if (message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal))
        {
            return new("Send the body as JSON with the header 'Content-Type: application/json'.");
        }

        return new($"The request could not be read: {message}");
    }

    private static string FirstQuoted(string message) => QuotedName().Match(message).Groups["name"].Value;

    private static string ParameterExpectation(string typeName) => typeName switch
    {
        _ when typeName.Contains("DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 instant such as 2026-01-15T00:00:00Z",
        _ when typeName.Contains("int", StringComparison.Ordinal) || typeName.Contains("long", StringComparison.Ordinal) => "a whole number",
        _ when typeName.Contains("bool", StringComparison.Ordinal) => "true or false",
        _ => "a valid value",
    };
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Registra.Api.Hosting;

/// <summary>Turns body binding failures into messages that name the field and the fix.</summary>
internal static partial class RequestErrors
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(type )?'?Registra\.[A-Za-z0-9_.]+'?")]
    private static partial System.Text.RegularExpressions.Regex TypeName();

    public static string Describe(Exception error)
    {
        var json = error.InnerException as JsonException ?? error as JsonException;
        if (json is not null)
        {
            var where = json.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            var reason = TypeName().Replace(json.Message.Split(" Path:")[0], "the request body");
            return $"The request body is not valid for this endpoint{where}: {reason} Fix the JSON and retry.";
        }

        return error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? "The request body is larger than the server accepts; split it into smaller requests."
            : $"The request could not be read: {error.Message}";
    }
}

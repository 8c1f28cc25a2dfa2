using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Registra.Api.Hosting;

/// <summary>Turns body binding failures into messages that name the field and the fix.</summary>
internal static class RequestErrors
{
    public static string Describe(Exception error)
    {
        var json = error.InnerException as JsonException ?? error as JsonException;
        if (json is not null)
        {
            var where = json.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            return $"The request body is not valid for this endpoint{where}: {json.Message.Split(" Path:")[0]} Fix the JSON and retry.";
        }

        return error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            ? "The request body is larger than the server accepts; split it into smaller requests."
            : $"The request could not be read: {error.Message}";
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Registra.Api.OpenApi;

/// <summary>
/// Documents an endpoint for the OpenAPI document in one call: operation id, summary, description,
/// the success response and the problem responses it can return. Every /v1 operation can also return 401.
/// </summary>
internal static class EndpointDocs
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Documents an operation whose success response has a JSON body of <typeparamref name="TResponse"/>.</summary>
    public static RouteHandlerBuilder Documented<TResponse>(this RouteHandlerBuilder endpoint, string operationId, int status,
        string summary, string description, params int[] problemStatuses) =>
        endpoint.Describe(operationId, summary, description, problemStatuses).Produces<TResponse>(status);

    /// <summary>Documents an operation whose success response has no body, such as 204.</summary>
    public static RouteHandlerBuilder DocumentedNoContent(this RouteHandlerBuilder endpoint, string operationId,
        string summary, string description, params int[] problemStatuses) =>
        endpoint.Describe(operationId, summary, description, problemStatuses).Produces(StatusCodes.Status204NoContent);

    /// <summary>Documents an operation whose success response is a stream of the given content type.</summary>
    public static RouteHandlerBuilder DocumentedStream(this RouteHandlerBuilder endpoint, string operationId, string contentType,
        string summary, string description, params int[] problemStatuses) =>
        endpoint.Describe(operationId, summary, description, problemStatuses).Produces<string>(StatusCodes.Status200OK, contentType);

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, string summary,
        string description, int[] problemStatuses)
    {
        endpoint.WithName(operationId).WithSummary(summary).WithDescription(description);
        foreach (var status in problemStatuses.Append(StatusCodes.Status401Unauthorized).Distinct().Order())
        {
            endpoint.Produces<ProblemDocument>(status, ProblemContentType);
        }

        return endpoint;
    }
}

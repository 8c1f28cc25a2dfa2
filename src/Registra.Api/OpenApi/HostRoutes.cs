using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Registra.Api.OpenApi;

/// <summary>
/// Describes the routes that ApiHost maps directly (problem types and health probes), whose handlers
/// return untyped results the generator cannot see into.
/// </summary>
internal static class HostRoutes
{
    public static async Task DescribeAsync(string path, OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        switch (path)
        {
            case "/v1/problems/{code}":
                operation.OperationId = "getProblemType";
                operation.Summary = "Describe a problem type";
                operation.Description = "Returns the HTTP status, message template and token-standard codes behind a problem `type` URI. No API key needed.";
                operation.Tags = new HashSet<OpenApiTagReference> { new("Problems", context.Document) };
                operation.Responses = new OpenApiResponses
                {
                    ["200"] = Json("The problem type.", "application/json",
                        await context.GetOrCreateSchemaAsync(typeof(ProblemTypeDocument), null, cancellationToken)),
                    ["404"] = Json("No reason code has this name.", EndpointDocs.ProblemContentType,
                        await context.GetOrCreateSchemaAsync(typeof(ProblemDocument), null, cancellationToken)),
                };
                break;
            case "/health/live":
                Health(operation, context, "checkLiveness", "Check that the process runs",
                    "Returns 200 while the process serves requests. No API key needed.", ["live"], includeHeight: false);
                break;
            case "/health/ready":
                Health(operation, context, "checkReadiness", "Check that the ledger is open",
                    "Returns 200 once the journal is replayed, with the durable block height. No API key needed.", ["ready"], includeHeight: true);
                break;
        }
    }

    private static void Health(OpenApiOperation operation, OpenApiOperationTransformerContext context, string operationId, string summary,
        string description, string[] statuses, bool includeHeight)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = statuses.Select(s => (JsonNode)JsonValue.Create(s)).ToList() },
            },
            Required = new HashSet<string> { "status" },
        };
        if (includeHeight)
        {
            schema.Properties["height"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "Height of the last durable block, or on a follower the last applied block." };
            schema.Properties["role"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("writer"), JsonValue.Create("follower")],
                Description = "Whether this node writes blocks or follows the writer's journal." };
            schema.Properties["lagBlocks"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64",
                Description = "Blocks in the store that this follower has not applied yet; 0 on the writer." };
            schema.Properties["lagMilliseconds"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64",
                Description = "Time since this follower last caught up with the store; 0 on the writer." };
            schema.Required.Add("height");
            schema.Required.Add("role");
        }

        operation.OperationId = operationId;
        operation.Summary = summary;
        operation.Description = description;
        operation.Tags = new HashSet<OpenApiTagReference> { new("Health", context.Document) };
        operation.Responses = new OpenApiResponses { ["200"] = Json("The process is " + statuses[0] + ".", "application/json", schema) };
    }

    private static OpenApiResponse Json(string description, string contentType, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new OpenApiMediaType { Schema = schema } },
    };
}

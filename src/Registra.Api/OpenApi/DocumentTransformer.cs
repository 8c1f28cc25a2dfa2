using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registra.Api.Problems;
using Registra.Reasons;

namespace Registra.Api.OpenApi;

/// <summary>
/// Fills the document-wide parts of /openapi/v1.json: title and description, the API-key security
/// schemes, the catalogue of problem types and codes, and optional (not required) nullable fields.
/// </summary>
internal sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "apiKeyBearer";
    public const string HeaderScheme = "apiKeyHeader";
    public const string ProblemCodeSchema = "ProblemCode";
    public const string ProblemTypeSchema = "ProblemType";

    private const string Description = """
        Registra keeps the register of security tokens: issuers, securities and their compliance rules,
        identities with KYC claims, and every movement of units, sealed into signed blocks.

        Authenticate every /v1 call with an API key, as `Authorization: Bearer rk_...` or `X-Api-Key: rk_...`.
        `registra serve` writes the first operator key to `DATA/operator.key`.

        Conventions: JSON with camelCase names; amounts are decimal strings such as "1250.5" in the
        security's units, never JSON numbers; instants are RFC 3339 UTC. Lists use cursor pagination
        (`limit` up to 1000, `after`) and return a `next` link while more items exist. Errors are
        RFC 9457 problem details (`application/problem+json`) with a stable `type` per reason code, the
        `code`, and `failures`, which lists every failed rule. See the `ProblemCode` and `ProblemType` schemas.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Registra API",
            Version = "v1",
            Description = Description,
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rk_...",
            Description = "An API key sent as `Authorization: Bearer rk_...`.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "The same API key sent as `X-Api-Key: rk_...`.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemCodeSchema] = ProblemCodes();
        document.Components.Schemas[ProblemTypeSchema] = ProblemTypes();
        LinkProblemCodes(document);
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
        {
            MakeNullablePropertiesOptional(schema);
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemCodes()
    {
        var table = new StringBuilder("The reason code of a rejection. Each code keeps its meaning once shipped.\n\n| code | HTTP | meaning |\n| --- | --- | --- |\n");
        foreach (var reason in Reasons.Reasons.All)
        {
            table.Append(CultureInvariant($"| `{reason.Name}` | {reason.HttpStatus} | {reason.Message} |\n"));
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = table.ToString(),
            Enum = Reasons.Reasons.All.Select(reason => (JsonNode)JsonValue.Create(reason.Name)).ToList(),
        };
    }

    private static OpenApiSchema ProblemTypes()
    {
        var table = new StringBuilder(
            "The `type` URI of each Registra problem; `GET` on it describes the code. Only a server error (500) " +
            "carries an RFC 9110 section link instead.\n\n| type | HTTP |\n| --- | --- |\n");
        var types = new List<JsonNode>();
        foreach (var (name, status) in Reasons.Reasons.All.Select(r => (r.Name, r.HttpStatus == 202 ? 409 : r.HttpStatus)))
        {
            var uri = ApiProblems.TypePrefix + name;
            table.Append(CultureInvariant($"| `{uri}` | {status} |\n"));
            types.Add(JsonValue.Create(uri));
        }

        return new OpenApiSchema { Type = JsonSchemaType.String, Description = table.ToString(), Enum = types };
    }

    /// <summary>Points the <c>code</c> fields of problem documents at the code catalogue.</summary>
    private static void LinkProblemCodes(OpenApiDocument document)
    {
        foreach (var name in new[] { nameof(ProblemDocument), nameof(ProblemFailure) })
        {
            if (document.Components!.Schemas!.TryGetValue(name, out var found) && found is OpenApiSchema { Properties: { } properties })
            {
                properties["code"] = new OpenApiSchemaReference(ProblemCodeSchema, document);
            }
        }
    }

    /// <summary>
    /// The API omits null fields (JsonIgnoreCondition.WhenWritingNull), so a nullable property is
    /// optional in a response even when its constructor parameter has no default.
    /// </summary>
    private static void MakeNullablePropertiesOptional(OpenApiSchema schema)
    {
        if (schema.Properties is null || schema.Required is null)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties)
        {
            if (IsNullable(property))
            {
                schema.Required.Remove(name);
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(option => option.Type == JsonSchemaType.Null);

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}

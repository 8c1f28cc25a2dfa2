using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Registra.Api.OpenApi;

/// <summary>Documents amount fields as decimal strings with their grammar, enums as strings, and numbers as the JSON numbers the API writes.</summary>
internal sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>The grammar of <see cref="Amounts.Amount.Parse"/> without surrounding whitespace, which it also accepts.</summary>
    public const string DecimalPattern = @"^-?[0-9]+(\.[0-9]+)?$";

    private static readonly HashSet<string> AmountProperties = new(StringComparer.Ordinal) { "amount", "balance", "supply", "supplyCap", "frozen" };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        DocumentNumbersAsNumbers(schema);

        // Enums are written as snake_case strings; without the type, generators such as NSwag assume integers.
        if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(value => value?.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            schema.Type = JsonSchemaType.String;
        }
        DocumentInstants(schema, context.JsonTypeInfo.Type);
        var property = context.JsonPropertyInfo;
        var isAmount = property is not null
            && property.PropertyType == typeof(string)
            && AmountProperties.Contains(property.Name)
            && property.DeclaringType.Namespace?.StartsWith("Registra.Api.Features", StringComparison.Ordinal) == true;
        if (isAmount)
        {
            schema.Pattern = DecimalPattern;
            schema.Description = "A decimal string in the security's units, such as \"1250.5\", with at most the security's decimals; never a JSON number.";
            schema.Examples = [JsonValue.Create("1250.5")];
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Instants go through <see cref="Json.Rfc3339InstantConverter"/>, whose schema the generator cannot
    /// infer, so the document states it: an RFC 3339 date-time string, or null where the field is optional.
    /// </summary>
    private static void DocumentInstants(OpenApiSchema schema, Type type)
    {
        if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
        }
        else if (type == typeof(DateTimeOffset?))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }
    }

    /// <summary>
    /// The web JSON defaults also read numbers from strings, so the generator declares integers as
    /// "integer or string" with a digits pattern. Responses always carry JSON numbers, and clients
    /// should send them, so the document declares only the number type.
    /// </summary>
    private static void DocumentNumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || !type.HasFlag(JsonSchemaType.String))
        {
            return;
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }
}

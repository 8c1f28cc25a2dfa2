using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Registra.Tests.Api.Contract;

/// <summary>
/// Validates JSON values against the schemas of an OpenAPI 3.1 document. It covers the subset of
/// JSON Schema 2020-12 that ASP.NET Core's generator and our transformers emit: $ref to
/// components, type (one or a list), enum, const, properties, required, additionalProperties,
/// items, allOf, anyOf, oneOf, pattern and the date-time format. Any other keyword is ignored,
/// so a schema that relies on one validates more loosely than a full validator would.
/// </summary>
internal sealed class OpenApiSchemaValidator(JsonElement document)
{
    private const string ComponentPrefix = "#/components/schemas/";

    public JsonElement Document => document;

    /// <summary>Returns every way <paramref name="value"/> breaks <paramref name="schema"/>, each with its JSON path.</summary>
    public List<string> Validate(JsonElement value, JsonElement schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    /// <summary>Finds the schema of a response body, or null when the operation does not document that status and content type.</summary>
    public JsonElement? ResponseSchema(string path, string method, int status, string contentType)
    {
        if (!document.GetProperty("paths").TryGetProperty(path, out var item)
            || !item.TryGetProperty(method.ToLowerInvariant(), out var operation)
            || !operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
            || !response.TryGetProperty("content", out var content)
            || !content.TryGetProperty(contentType, out var media)
            || !media.TryGetProperty("schema", out var schema))
        {
            return null;
        }

        return schema;
    }

    private void Check(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{at}: no value is allowed here");
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), at, errors);
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(value, type))
        {
            errors.Add($"{at}: expected type {type.GetRawText()}, found {value.ValueKind} {Shorten(value)}");
            return;
        }

        CheckValue(value, schema, at, errors);
        CheckCombinators(value, schema, at, errors);
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, at, errors);
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                Check(element, items, $"{at}[{index++}]", errors);
            }
        }
    }

    private static void CheckValue(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            errors.Add($"{at}: {Shorten(value)} is not one of the documented values {Shorten(allowed)}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{at}: {Shorten(value)} is not the documented constant {constant.GetRawText()}");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var text = value.GetString()!;
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{at}: \"{text}\" does not match the pattern {pattern.GetString()}");
        }

        var isDateTime = schema.TryGetProperty("format", out var format) && format.GetString() == "date-time";
        if (isDateTime && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{at}: \"{text}\" is not an RFC 3339 date-time");
        }
    }

    private void CheckCombinators(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(value, part, at, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(option => Validate(value, option).Count == 0))
        {
            errors.Add($"{at}: {Shorten(value)} matches none of the anyOf options");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(option => Validate(value, option).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{at}: {Shorten(value)} matches {matches} of the oneOf options, not exactly one");
            }
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{at}: the required property \"{name}\" is missing");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : (JsonElement?)null;
        foreach (var property in value.EnumerateObject())
        {
            var path = $"{at}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, path, errors);
            }
            else if (additional is { } additionalSchema)
            {
                Check(property.Value, additionalSchema, path, errors);
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only references to {ComponentPrefix}* are supported, not {reference}.");
        }

        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[ComponentPrefix.Length..]);
    }

    private static bool MatchesType(JsonElement value, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(option => MatchesType(value, option.GetString()!))
            : MatchesType(value, type.GetString()!);

    private static bool MatchesType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new NotSupportedException($"Unknown JSON Schema type '{type}'."),
    };

    private static string Shorten(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}

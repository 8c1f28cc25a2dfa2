using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Registra.Api.Hosting;

internal static partial class RequestErrors
{
    // One step of a System.Text.Json path: ".name", "['name']" or "[3]".
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    /// <summary>
    /// Follows a JSON path such as "$.legs[1].side" through the request type and describes the value
    /// the field takes, such as "one of buy or sell". Returns null when the path leads to no known field.
    /// </summary>
    internal static string? ExpectedValue(Type? bodyType, string path)
    {
        var type = bodyType;
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null)
            {
                return null;
            }

            type = step.Groups["index"].Success ? ElementType(type) : MemberType(type, step.Groups["name"].Value);
        }

        return type is null ? null : Describe(type);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(name => JsonNamingPolicy.SnakeCaseLower.ConvertName(name)).ToList();
            return names.Count == 1 ? $"\"{names[0]}\"" : $"one of {string.Join(", ", names.SkipLast(1))} or {names[^1]}";
        }

        return type switch
        {
            _ when type == typeof(string) => "a JSON string, in quotes (amounts too, such as \"12.5\")",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an RFC 3339 instant with an offset (Z or +02:00), in quotes, such as \"2026-01-15T00:00:00Z\"",
            _ when type == typeof(DateOnly) => "a date in quotes, such as \"2026-01-15\"",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "a number",
            _ when DictionaryValueType(type) is not null => "a JSON object",
            _ when ElementType(type) is not null => "a JSON array",
            _ => "a JSON object",
        };
    }

    private static Type? MemberType(Type type, string jsonName)
    {
        if (DictionaryValueType(type) is { } valueType)
        {
            return valueType;
        }

        // Web defaults match names case-insensitively, and the API's names are the camelCase member names.
        var property = type.GetProperty(jsonName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.PropertyType;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable is not null && typeof(IEnumerable).IsAssignableFrom(type) ? enumerable.GetGenericArguments()[0] : null;
    }

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }
}

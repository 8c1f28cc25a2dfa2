using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registra.Compliance;

/// <summary>A security's rules at one version; every rule must pass.</summary>
public sealed record RuleSet(int Version, IReadOnlyList<Rule> Rules)
{
    public static RuleSet Empty { get; } = new(0, []);

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Returns the first rule of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>() where T : Rule
    {
        // A loop rather than OfType, because every transfer calls this and LINQ allocates.
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i] is T rule)
            {
                return rule;
            }
        }

        return null;
    }

    public bool Has<T>() where T : Rule => Find<T>() is not null;

    /// <summary>Validates every rule; returns the first error prefixed with the rule's position, or null.</summary>
    public static string? Validate(IReadOnlyList<Rule> rules, int decimals)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Validate(decimals) is { } error)
            {
                return $"rule {i + 1} ({rules[i].TypeName}): {error}";
            }
        }

        return null;
    }

    public static string ToJson(IReadOnlyList<Rule> rules) => JsonSerializer.Serialize(rules, JsonOptions);

    /// <summary>Parses rules from JSON; throws <see cref="JsonException"/> on unknown types or fields.</summary>
    public static IReadOnlyList<Rule> FromJson(string json) =>
        JsonSerializer.Deserialize<List<Rule>>(json, JsonOptions) ?? throw new JsonException("The rule list is null.");
}

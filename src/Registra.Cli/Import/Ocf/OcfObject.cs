using System.Globalization;
using System.Text.Json;

namespace Registra.Cli.Import.Ocf;

/// <summary>
/// A field of one OCF object has the wrong JSON type or format. The importer reports the
/// object and goes on with the next one.
/// </summary>
internal sealed class OcfFormatException(string message) : Exception(message);

/// <summary>
/// One JSON object of an OCF file, with typed reads that raise <see cref="OcfFormatException"/>
/// naming the field when a value has the wrong type.
/// </summary>
internal sealed class OcfObject(JsonElement element, string file, int index)
{
    public string File { get; } = file;

    public JsonElement Element { get; } = element;

    /// <summary>Position in the file's items array, for ordering and for objects without an id.</summary>
    public int Index { get; } = index;

    public string? Id => Element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    public string ObjectType =>
        Element.TryGetProperty("object_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() ?? "" : "";

    /// <summary>The id, or a description of the position for objects without one.</summary>
    public string Label => Id ?? $"items[{Index}]";

    public bool Has(string name) => Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? OptionalString(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new OcfFormatException($"field '{name}' must be a string, found {Describe(value)}");
    }

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new OcfFormatException($"required field '{name}' is missing");

    public OcfObject? OptionalObject(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? new OcfObject(value, File, Index)
            : throw new OcfFormatException($"field '{name}' must be an object, found {Describe(value)}");
    }

    public OcfObject RequiredObject(string name) =>
        OptionalObject(name) ?? throw new OcfFormatException($"required field '{name}' is missing");

    public List<OcfObject> Objects(string name)
    {
        var list = new List<OcfObject>();
        foreach (var item in Array(name))
        {
            list.Add(item.ValueKind == JsonValueKind.Object
                ? new OcfObject(item, File, Index)
                : throw new OcfFormatException($"field '{name}' must hold objects, found {Describe(item)}"));
        }

        return list;
    }

    public List<string> Strings(string name)
    {
        var list = new List<string>();
        foreach (var item in Array(name))
        {
            list.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new OcfFormatException($"field '{name}' must hold strings, found {Describe(item)}"));
        }

        return list;
    }

    /// <summary>Reads an OCF date ("2024-02-20") as midnight UTC of that day.</summary>
    public DateTimeOffset RequiredDate(string name)
    {
        var text = RequiredString(name);
        return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : throw new OcfFormatException($"field '{name}' is '{text}', which is not a date such as \"2024-02-20\"");
    }

    /// <summary>Reads the amount of a monetary field ({"amount": "1.00", "currency": "USD"}) as "1.00 USD".</summary>
    public string? OptionalMonetary(string name)
    {
        if (OptionalObject(name) is not { } money)
        {
            return null;
        }

        var amount = money.RequiredString("amount");
        return money.OptionalString("currency") is { } currency ? $"{amount} {currency}" : amount;
    }

    private IEnumerable<JsonElement> Array(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new OcfFormatException($"field '{name}' must be an array, found {Describe(value)}");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}

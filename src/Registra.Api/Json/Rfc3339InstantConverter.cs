using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Registra.Api.Json;

/// <summary>
/// Reads instants only in RFC 3339 form, with a date, a time and an offset (<c>Z</c> or
/// <c>+02:00</c>). The default reader also takes a date alone or a time without an offset and reads
/// it in the server's local time zone, so one request would mean another instant on another server.
/// </summary>
public sealed partial class Rfc3339InstantConverter : JsonConverter<DateTimeOffset>
{
    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})\z")]
    private static partial Regex Rfc3339();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A JsonException without a message gets the serializer's "could not be converted" message
        // with the path, which the API's error handler turns into a hint that names the field.
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        return TryParse(reader.GetString()!, out var instant) ? instant : throw new JsonException();
    }

    /// <summary>Parses an RFC 3339 instant with its offset, as in a body; query parameters use it too.</summary>
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        return Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

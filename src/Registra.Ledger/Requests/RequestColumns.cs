using System.Text.Json;

namespace Registra.Ledger.Requests;

/// <summary>
/// The column encodings of the request table, shared by the SQLite and PostgreSQL stores so both
/// keep the same text: headers as a JSON array of [name, value] pairs, instants as microseconds
/// since the Unix epoch.
/// </summary>
internal static class RequestColumns
{
    public static string EncodeHeaders(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        JsonSerializer.Serialize(headers.Select(pair => new[] { pair.Key, pair.Value }));

    public static List<KeyValuePair<string, string>> DecodeHeaders(string json) =>
        (JsonSerializer.Deserialize<string[][]>(json) ?? [])
            .Where(pair => pair.Length == 2)
            .Select(pair => KeyValuePair.Create(pair[0], pair[1]))
            .ToList();

    public static long ToMicroseconds(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromMicroseconds(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}

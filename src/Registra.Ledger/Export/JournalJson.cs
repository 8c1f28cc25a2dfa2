using System.Text.Json;
using System.Text.Json.Serialization;
using Registra.Events;

namespace Registra.Ledger.Export;

/// <summary>
/// The JSON lines form of a journal: a header line, then each block's line followed by one line
/// per event. Events are written as their fields, and reading them back re-encodes the canonical
/// bytes, so a verified export proves the JSON says exactly what was signed.
/// </summary>
public static class JournalJson
{
    public const string Format = "registra-journal";
    public const int Version = 1;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        AllowDuplicateProperties = false,
    };
}

/// <summary>First line of an export.</summary>
public sealed record ExportHeader(string Format, int Version, string PublicKey, long Blocks);

/// <summary>A block line: the header fields, its hash and signature as lowercase hex.</summary>
public sealed record ExportBlock(
    long Height,
    long FirstSequence,
    int EventCount,
    long CommittedAtUnixMicroseconds,
    string MerkleRoot,
    string PreviousHash,
    string KeyId,
    string Hash,
    string Signature);

/// <summary>An event line.</summary>
public sealed record ExportEvent(long Sequence, DateTimeOffset Timestamp, RegisterEvent Event);

/// <summary>One line of an export; exactly one member is set.</summary>
public sealed record ExportLine(ExportHeader? Journal = null, ExportBlock? Block = null, ExportEvent? Event = null);

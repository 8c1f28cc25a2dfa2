using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registra.Ledger;

/// <summary>
/// Self-contained proof that one event is in a signed block: the event, its Merkle audit path and
/// the signed header. Anyone with the node's public key can check it with <see cref="ProofVerifier"/>.
/// </summary>
/// <remarks>
/// In JSON the property names are camelCase, the event bytes are standard base64 (events can be
/// large), and hashes, the header and the signature are lowercase hex.
/// </remarks>
public sealed record InclusionProof
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Sequence number of the event.</summary>
    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    /// <summary>Canonical event bytes, base64.</summary>
    [JsonPropertyName("eventBytes")]
    public required string EventBytes { get; init; }

    /// <summary>Position of the event in its block, from 0.</summary>
    [JsonPropertyName("leafIndex")]
    public required int LeafIndex { get; init; }

    /// <summary>Number of events in the block.</summary>
    [JsonPropertyName("leafCount")]
    public required int LeafCount { get; init; }

    /// <summary>Sibling hashes from the leaf level up to the root, lowercase hex.</summary>
    [JsonPropertyName("path")]
    public required string[] Path { get; init; }

    /// <summary>Canonical block header bytes, lowercase hex.</summary>
    [JsonPropertyName("header")]
    public required string Header { get; init; }

    /// <summary>Ed25519 signature of the header bytes, lowercase hex.</summary>
    [JsonPropertyName("signature")]
    public required string Signature { get; init; }

    /// <summary>Key id of the signing key.</summary>
    [JsonPropertyName("keyId")]
    public required string KeyId { get; init; }

    /// <summary>Builds the proof for the event with <paramref name="sequence"/>, or returns null when no stored block contains it.</summary>
    /// <exception cref="JournalCorruptionException">The block row cannot be decoded.</exception>
    /// <exception cref="FormatException">The block's event blob is malformed.</exception>
    public static InclusionProof? Create(IJournalStore store, long sequence)
    {
        ArgumentNullException.ThrowIfNull(store);

        SealedBlock? block = store.ReadBlockContaining(sequence);
        if (block is null)
        {
            return null;
        }

        BlockHeader header = block.Header;
        List<ReadOnlyMemory<byte>> events = EventBlob.Decode(block.Events, header.EventCount);
        var leafHashes = new byte[events.Count][];
        for (int i = 0; i < events.Count; i++)
        {
            leafHashes[i] = EventHash.ComputeLeaf(events[i].Span);
        }

        int leafIndex = checked((int)(sequence - header.FirstSequence));
        byte[][] path = MerkleTree.Path(leafHashes, leafIndex);
        return new InclusionProof
        {
            Sequence = sequence,
            EventBytes = Convert.ToBase64String(events[leafIndex].Span),
            LeafIndex = leafIndex,
            LeafCount = header.EventCount,
            Path = Array.ConvertAll(path, Convert.ToHexStringLower),
            Header = Convert.ToHexStringLower(header.ToCanonicalBytes()),
            Signature = Convert.ToHexStringLower(block.Signature),
            KeyId = header.KeyId,
        };
    }

    /// <summary>Serializes the proof to indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Deserializes a proof from JSON.</summary>
    /// <exception cref="JsonException">The text is not valid JSON or lacks a required property.</exception>
    public static InclusionProof FromJson(string json) =>
        JsonSerializer.Deserialize<InclusionProof>(json, JsonOptions)
        ?? throw new JsonException("The JSON text is null, not an inclusion proof.");
}

using System.Text.Json;
using Registra.Ledger;

namespace Registra.Cli.Commands;

/// <summary>Reads proof files and turns each <see cref="ProofCheck"/> into a sentence that names the field at fault.</summary>
internal static class ProofMessages
{
    private static readonly string[] RequiredFields = ["sequence", "eventBytes", "leafIndex", "leafCount", "path", "header", "signature", "keyId"];

    /// <summary>Reads a proof file, printing why it cannot be used.</summary>
    /// <returns>The proof, or null after an error was printed.</returns>
    public static InclusionProof? Read(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Output.Error($"Cannot read the proof {file.FullName}: {exception.Message}");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Output.Error($"The proof {file.FullName} is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object; give a file written by 'registra proof create'.");
                return null;
            }

            var missing = RequiredFields.Where(field => !document.RootElement.TryGetProperty(field, out _)).ToList();
            if (missing.Count > 0)
            {
                Output.Error($"The proof {file.FullName} lacks the field{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}; give a file written by 'registra proof create'.");
                return null;
            }
        }
        catch (JsonException exception)
        {
            Output.Error($"The proof {file.FullName} is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
            return null;
        }

        try
        {
            return InclusionProof.FromJson(text);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "(unknown)";
            Output.Error($"The proof {file.FullName} has a value of the wrong type in field {field}; numbers must be whole numbers, the other fields strings.");
            return null;
        }
    }

    public static string Describe(ProofCheck check, InclusionProof proof) => check switch
    {
        ProofCheck.Valid => "the proof is valid.",
        ProofCheck.ProofMalformed => "a field is missing, is not valid hex or base64, or a path hash is not 32 bytes long.",
        ProofCheck.KeyIdMismatch => $"the proof names key id {proof.KeyId}, which is not the id of the given public key or of the key in the block header.",
        ProofCheck.SignatureInvalid => "the block header's signature does not verify with the given public key; the header or signature was changed, or the key is wrong.",
        ProofCheck.HeaderMalformed => "the block header bytes do not follow the canonical header layout.",
        ProofCheck.SequenceOutOfRange => DescribeRangeMismatch(proof),
        ProofCheck.LeafNotInTree => "the event bytes and the Merkle path do not lead to the Merkle root in the signed header; the event or the path was changed.",
        _ => $"the proof failed check {check}.",
    };

    // The verifier reports one value for three fields, so the header is read again to say which field disagrees.
    private static string DescribeRangeMismatch(InclusionProof proof)
    {
        BlockHeader header;
        try
        {
            header = BlockHeader.FromCanonicalBytes(Convert.FromHexString(proof.Header));
        }
        catch (FormatException)
        {
            return "the sequence, leafIndex or leafCount does not match the block header.";
        }

        var range = $"the block holds sequences {header.FirstSequence} to {header.LastSequence}";
        if (proof.LeafCount != header.EventCount)
        {
            return $"leafCount is {proof.LeafCount}, but the block has {header.EventCount} events.";
        }

        if (proof.Sequence < header.FirstSequence || proof.Sequence > header.LastSequence)
        {
            return $"sequence {proof.Sequence} is outside the block: {range}.";
        }

        if (proof.LeafIndex < 0 || proof.LeafIndex >= header.EventCount)
        {
            return $"leafIndex {proof.LeafIndex} is outside the block's {header.EventCount} events (0 to {header.EventCount - 1}).";
        }

        return $"leafIndex {proof.LeafIndex} is the event with sequence {header.FirstSequence + proof.LeafIndex}, but the proof's sequence is {proof.Sequence} " +
            $"({range}, so sequence {proof.Sequence} would be leafIndex {proof.Sequence - header.FirstSequence}).";
    }
}

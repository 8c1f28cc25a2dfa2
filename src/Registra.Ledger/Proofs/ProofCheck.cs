namespace Registra.Ledger;

/// <summary>Result of <see cref="ProofVerifier.Verify"/>: valid, or the first step that failed.</summary>
public enum ProofCheck
{
    /// <summary>The event is leaf <c>leafIndex</c> of a block header signed by the given key.</summary>
    Valid,

    /// <summary>A field is missing or is not valid hex or base64, or a hash has the wrong length.</summary>
    ProofMalformed,

    /// <summary>The key id in the proof or the header is not the id of the given public key.</summary>
    KeyIdMismatch,

    /// <summary>The signature does not verify over the header bytes with the given public key.</summary>
    SignatureInvalid,

    /// <summary>The header bytes do not follow the canonical header layout.</summary>
    HeaderMalformed,

    /// <summary>The sequence, leaf index or leaf count does not match the block's event range.</summary>
    SequenceOutOfRange,

    /// <summary>The audit path from the event's leaf hash does not lead to the header's Merkle root.</summary>
    LeafNotInTree,
}

using System.Text.Json;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class InclusionProofTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly NodeKey key;
    private readonly NodeKey otherKey;
    private readonly SqliteJournalStore store;
    private readonly List<SealedBlock> blocks;

    public InclusionProofTests()
    {
        key = NodeKey.LoadOrCreate(folder.Combine("node"));
        otherKey = NodeKey.LoadOrCreate(folder.Combine("other"));
        store = SqliteJournalStore.Open(folder.Combine("journal.db"));
        blocks = LedgerTestData.AppendBlocks(store, key, [1, 2, 7, 16, 33]);
    }

    public void Dispose()
    {
        store.Dispose();
        key.Dispose();
        otherKey.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Proof_EveryEventVerifies()
    {
        long lastSequence = blocks[^1].Header.LastSequence;

        for (long sequence = 1; sequence <= lastSequence; sequence++)
        {
            InclusionProof proof = Create(sequence);

            Assert.Equal(ProofCheck.Valid, ProofVerifier.Verify(proof, key.PublicKey));
        }
    }

    [Fact]
    public void Proof_FieldsDescribeEvent()
    {
        // Sequence 13 is the third event of block 4, which contains sequences 11 to 26.
        InclusionProof proof = Create(13);
        byte[] expectedEvent = LedgerTestData.MakeEvents(13, 1)[0].ToArray();

        Assert.Equal(13, proof.Sequence);
        Assert.Equal(2, proof.LeafIndex);
        Assert.Equal(16, proof.LeafCount);
        Assert.Equal(4, proof.Path.Length);
        Assert.Equal(expectedEvent, Convert.FromBase64String(proof.EventBytes));
        Assert.Equal(Convert.ToHexStringLower(blocks[3].Header.ToCanonicalBytes()), proof.Header);
        Assert.Equal(Convert.ToHexStringLower(blocks[3].Signature), proof.Signature);
        Assert.Equal(key.KeyId, proof.KeyId);
    }

    [Fact]
    public void Proof_JsonRoundTripUsesCamelCase()
    {
        InclusionProof proof = Create(30);

        string json = proof.ToJson();
        InclusionProof parsed = InclusionProof.FromJson(json);

        Assert.Contains("\"eventBytes\"", json);
        Assert.Contains("\"leafIndex\"", json);
        Assert.Contains("\"keyId\"", json);
        Assert.Equal(ProofCheck.Valid, ProofVerifier.Verify(parsed, key.PublicKey));
        Assert.Equal(proof.Path, parsed.Path);
    }

    [Fact]
    public void FromJson_MissingPropertyRejected()
    {
        Assert.Throws<JsonException>(() => InclusionProof.FromJson("{\"sequence\": 1}"));
        Assert.Throws<JsonException>(() => InclusionProof.FromJson("null"));
        Assert.Throws<JsonException>(() => InclusionProof.FromJson("not json"));
    }

    [Fact]
    public void Proof_AbsentSequenceIsNull()
    {
        Assert.Null(InclusionProof.Create(store, 0));
        Assert.Null(InclusionProof.Create(store, blocks[^1].Header.LastSequence + 1));
    }

    [Fact]
    public void Proof_OtherKeyFails()
    {
        InclusionProof proof = Create(20);

        Assert.Equal(ProofCheck.KeyIdMismatch, ProofVerifier.Verify(proof, otherKey.PublicKey));
        Assert.Equal(ProofCheck.SignatureInvalid, ProofVerifier.Verify(proof with { KeyId = otherKey.KeyId }, otherKey.PublicKey));
    }

    [Fact]
    public void Proof_FlippedEventBitFails()
    {
        for (long sequence = 1; sequence <= blocks[^1].Header.LastSequence; sequence += 5)
        {
            InclusionProof proof = Create(sequence);
            byte[] eventBytes = Convert.FromBase64String(proof.EventBytes);
            InclusionProof tampered = proof with { EventBytes = Convert.ToBase64String(LedgerTestData.FlipBit(eventBytes, 0)) };

            Assert.Equal(ProofCheck.LeafNotInTree, ProofVerifier.Verify(tampered, key.PublicKey));
        }
    }

    [Fact]
    public void Proof_FlippedPathBitFails()
    {
        InclusionProof proof = Create(40);

        for (int i = 0; i < proof.Path.Length; i++)
        {
            string[] path = (string[])proof.Path.Clone();
            path[i] = Convert.ToHexStringLower(LedgerTestData.FlipBit(Convert.FromHexString(path[i]), 31, bit: 7));

            Assert.Equal(ProofCheck.LeafNotInTree, ProofVerifier.Verify(proof with { Path = path }, key.PublicKey));
        }
    }

    [Fact]
    public void Proof_MissingOrExtraPathEntryFails()
    {
        InclusionProof proof = Create(40);

        Assert.Equal(ProofCheck.LeafNotInTree, ProofVerifier.Verify(proof with { Path = proof.Path[..^1] }, key.PublicKey));
        Assert.Equal(ProofCheck.LeafNotInTree, ProofVerifier.Verify(proof with { Path = [.. proof.Path, proof.Path[0]] }, key.PublicKey));
    }

    [Fact]
    public void Proof_FlippedHeaderBitFails()
    {
        InclusionProof proof = Create(40);
        byte[] header = Convert.FromHexString(proof.Header);

        for (int i = 0; i < header.Length; i++)
        {
            InclusionProof tampered = proof with { Header = Convert.ToHexStringLower(LedgerTestData.FlipBit(header, i)) };

            Assert.Equal(ProofCheck.SignatureInvalid, ProofVerifier.Verify(tampered, key.PublicKey));
        }
    }

    [Fact]
    public void Proof_FlippedSignatureBitFails()
    {
        InclusionProof proof = Create(7);
        byte[] signature = Convert.FromHexString(proof.Signature);

        InclusionProof tampered = proof with { Signature = Convert.ToHexStringLower(LedgerTestData.FlipBit(signature, 5)) };

        Assert.Equal(ProofCheck.SignatureInvalid, ProofVerifier.Verify(tampered, key.PublicKey));
    }

    [Fact]
    public void Proof_SequenceOutsideBlockFails()
    {
        InclusionProof proof = Create(12);

        Assert.Equal(ProofCheck.SequenceOutOfRange, ProofVerifier.Verify(proof with { Sequence = 13 }, key.PublicKey));
        Assert.Equal(ProofCheck.SequenceOutOfRange, ProofVerifier.Verify(proof with { LeafCount = 15 }, key.PublicKey));
        Assert.Equal(ProofCheck.SequenceOutOfRange, ProofVerifier.Verify(proof with { LeafIndex = -1, Sequence = 10 }, key.PublicKey));
    }

    [Fact]
    public void Proof_ShiftedLeafIndexFails()
    {
        InclusionProof proof = Create(12);

        Assert.Equal(ProofCheck.LeafNotInTree, ProofVerifier.Verify(proof with { LeafIndex = 2, Sequence = 13 }, key.PublicKey));
    }

    [Fact]
    public void Proof_MalformedEncodingFails()
    {
        InclusionProof proof = Create(12);

        Assert.Equal(ProofCheck.ProofMalformed, ProofVerifier.Verify(proof with { EventBytes = "%%%" }, key.PublicKey));
        Assert.Equal(ProofCheck.ProofMalformed, ProofVerifier.Verify(proof with { Header = "zz" }, key.PublicKey));
        Assert.Equal(ProofCheck.ProofMalformed, ProofVerifier.Verify(proof with { Signature = "abc" }, key.PublicKey));
        Assert.Equal(ProofCheck.ProofMalformed, ProofVerifier.Verify(proof with { Path = [proof.Path[0][..10]] }, key.PublicKey));
        Assert.Equal(ProofCheck.KeyIdMismatch, ProofVerifier.Verify(proof, []));
    }

    [Fact]
    public void Proof_VerifiesAgainstMerkleTreeRoot()
    {
        InclusionProof proof = Create(50);
        BlockHeader header = BlockHeader.FromCanonicalBytes(Convert.FromHexString(proof.Header));
        byte[] leaf = EventHash.ComputeLeaf(Convert.FromBase64String(proof.EventBytes));

        bool included = MerkleTree.VerifyPath(leaf, proof.LeafIndex, proof.LeafCount, Array.ConvertAll(proof.Path, Convert.FromHexString), header.MerkleRoot);

        Assert.True(included);
    }

    private InclusionProof Create(long sequence) =>
        InclusionProof.Create(store, sequence) ?? throw new InvalidOperationException($"No proof for sequence {sequence}.");
}

using System.Buffers;

namespace Registra.Ledger;

/// <summary>
/// Builds signed blocks from a batch of canonical event bytes. This is on the commit path of the
/// sequencer, so it hashes into one pooled buffer and allocates only the results.
/// </summary>
public static class BlockSealer
{
    // Below this many events the cost of scheduling work on other threads exceeds the hashing saved.
    // NOTE: chosen by estimate (a 100-byte event hashes in well under a microsecond), not by measurement on many machines.
    private const int ParallelThreshold = 4096;

    // Events per parallel work item, so each task hashes a run of events instead of one.
    private const int EventsPerChunk = 1024;

    /// <summary>
    /// Hashes the events, computes their Merkle root, builds the header and signs its canonical bytes.
    /// </summary>
    /// <param name="previousHash">Hash of the previous block's header, or 32 zero bytes for height 1.</param>
    /// <exception cref="ArgumentException">The batch is empty, a hash is not 32 bytes long, or a number is out of range.</exception>
    public static SealedBlock Seal(
        long height,
        long firstSequence,
        byte[] previousHash,
        long committedAtUnixMicroseconds,
        IReadOnlyList<ReadOnlyMemory<byte>> events,
        NodeKey key)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(key);
        if (events.Count == 0)
        {
            throw new ArgumentException("A block needs at least one event.", nameof(events));
        }

        return Finish(height, firstSequence, previousHash, committedAtUnixMicroseconds, events, EventBlob.Encode(events), key);
    }

    /// <summary>
    /// Seals a block from events already in the storage encoding of <see cref="EventBlob"/>,
    /// as the sequencer builds them, so the events are not copied into a second blob.
    /// </summary>
    /// <exception cref="FormatException">The blob does not contain exactly <paramref name="eventCount"/> events.</exception>
    /// <exception cref="ArgumentException">The batch is empty, a hash is not 32 bytes long, or a number is out of range.</exception>
    public static SealedBlock SealEncoded(
        long height,
        long firstSequence,
        byte[] previousHash,
        long committedAtUnixMicroseconds,
        byte[] eventBlob,
        int eventCount,
        NodeKey key)
    {
        ArgumentNullException.ThrowIfNull(eventBlob);
        ArgumentNullException.ThrowIfNull(key);
        if (eventCount == 0)
        {
            throw new ArgumentException("A block needs at least one event.", nameof(eventCount));
        }

        var events = EventBlob.Decode(eventBlob, eventCount);
        return Finish(height, firstSequence, previousHash, committedAtUnixMicroseconds, events, eventBlob, key);
    }

    private static SealedBlock Finish(
        long height,
        long firstSequence,
        byte[] previousHash,
        long committedAtUnixMicroseconds,
        IReadOnlyList<ReadOnlyMemory<byte>> events,
        byte[] eventBlob,
        NodeKey key)
    {
        byte[] merkleRoot = ComputeMerkleRoot(events);
        var header = new BlockHeader(height, firstSequence, events.Count, committedAtUnixMicroseconds, merkleRoot, previousHash, key.KeyId);

        byte[] headerBytes = header.ToCanonicalBytes();
        byte[] signature = key.Sign(headerBytes);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(headerBytes);
        return new SealedBlock(header, signature, hash, eventBlob);
    }

    /// <summary>Computes the Merkle root over the leaf hashes of the events.</summary>
    internal static byte[] ComputeMerkleRoot(IReadOnlyList<ReadOnlyMemory<byte>> events)
    {
        int count = events.Count;
        byte[] nodes = ArrayPool<byte>.Shared.Rent(count * EventHash.Size);
        try
        {
            if (count > ParallelThreshold)
            {
                HashLeavesInParallel(events, nodes);
            }
            else
            {
                HashLeaves(events, nodes, 0, count);
            }

            return MerkleTree.ComputeRootInPlace(nodes.AsSpan(0, count * EventHash.Size), count).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(nodes);
        }
    }

    private static void HashLeavesInParallel(IReadOnlyList<ReadOnlyMemory<byte>> events, byte[] nodes)
    {
        int count = events.Count;
        int chunks = (count + EventsPerChunk - 1) / EventsPerChunk;
        Parallel.For(0, chunks, chunk =>
        {
            int start = chunk * EventsPerChunk;
            HashLeaves(events, nodes, start, Math.Min(start + EventsPerChunk, count));
        });
    }

    private static void HashLeaves(IReadOnlyList<ReadOnlyMemory<byte>> events, byte[] nodes, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            EventHash.ComputeLeaf(events[i].Span, nodes.AsSpan(i * EventHash.Size, EventHash.Size));
        }
    }
}

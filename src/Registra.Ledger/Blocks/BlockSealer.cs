using System.Buffers;
using System.Security.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// Builds signed blocks from a batch of canonical event bytes. This is on the commit path of the
/// sequencer, so it hashes into one pooled buffer and allocates only the results.
/// </summary>
public static class BlockSealer
{
    // Below this many events the cost of scheduling work on other threads exceeds the hashing saved.
    // NOTE: the threshold is an estimate (a 100-byte event hashes in under a microsecond), not a measured crossover.
    private const int ParallelThreshold = 4096;

    // Events per parallel work item. It must be a power of two: an aligned run of 2^k leaves is a
    // subtree of the RFC 6962 tree, so each work item can reduce its run to that subtree's root.
    private const int EventsPerChunk = 1024;

    // The leaf hashes of a block share one buffer, which bounds the number of events per block.
    private const int MaxEventsPerBlock = int.MaxValue / EventHash.Size;

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
        if (events.Count is 0 or > MaxEventsPerBlock)
        {
            throw new ArgumentException($"A block needs 1 to {MaxEventsPerBlock} events, but the batch has {events.Count}.", nameof(events));
        }

        return Finish(height, firstSequence, previousHash, committedAtUnixMicroseconds, events, EventBlob.Encode(events), key);
    }

    /// <summary>
    /// Seals a block from events already in the storage encoding of <see cref="EventBlob"/>,
    /// as the sequencer builds them, so the events are not copied into a second blob.
    /// <paramref name="parallel"/> false hashes a large block on the calling thread only.
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
        NodeKey key,
        bool parallel = true)
    {
        ArgumentNullException.ThrowIfNull(eventBlob);
        ArgumentNullException.ThrowIfNull(key);
        if (eventCount == 0)
        {
            throw new ArgumentException("A block needs at least one event.", nameof(eventCount));
        }

        var events = EventBlob.Decode(eventBlob, eventCount);
        return Finish(height, firstSequence, previousHash, committedAtUnixMicroseconds, events, eventBlob, key, parallel);
    }

    private static SealedBlock Finish(
        long height,
        long firstSequence,
        byte[] previousHash,
        long committedAtUnixMicroseconds,
        IReadOnlyList<ReadOnlyMemory<byte>> events,
        byte[] eventBlob,
        NodeKey key,
        bool parallel = true)
    {
        byte[] merkleRoot = ComputeMerkleRoot(events, parallel);
        var header = new BlockHeader(height, firstSequence, events.Count, committedAtUnixMicroseconds, merkleRoot, previousHash, key.KeyId);

        byte[] headerBytes = header.ToCanonicalBytes();
        byte[] signature = key.Sign(headerBytes);
        byte[] hash = SHA256.HashData(headerBytes);
        return new SealedBlock(header, signature, hash, eventBlob);
    }

    /// <summary>Computes the Merkle root over the leaf hashes of the events.</summary>
    internal static byte[] ComputeMerkleRoot(IReadOnlyList<ReadOnlyMemory<byte>> events, bool parallel = true)
    {
        int count = events.Count;
        byte[] nodes = ArrayPool<byte>.Shared.Rent(count * EventHash.Size);
        try
        {
            int remaining = count;
            if (parallel && count > ParallelThreshold)
            {
                remaining = ReduceChunksInParallel(events, nodes);
            }
            else
            {
                HashLeaves(events, nodes, 0, count);
            }

            return MerkleTree.ComputeRootInPlace(nodes.AsSpan(0, remaining * EventHash.Size), remaining).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(nodes);
        }
    }

    // Hashes and reduces each chunk of leaves to its subtree root on the thread pool, then moves the
    // chunk roots to the front of the buffer and returns how many there are. Reducing those roots
    // gives the root of the whole tree, because the bottom-up construction treats every aligned
    // chunk independently until the chunk has become one node. A shorter last chunk becomes one
    // node at a lower level, and the full tree moves that node up unchanged to the chunk level.
    private static int ReduceChunksInParallel(IReadOnlyList<ReadOnlyMemory<byte>> events, byte[] nodes)
    {
        int count = events.Count;
        int chunks = (count + EventsPerChunk - 1) / EventsPerChunk;
        Parallel.For(0, chunks, chunk =>
        {
            int start = chunk * EventsPerChunk;
            int end = Math.Min(start + EventsPerChunk, count);
            HashLeaves(events, nodes, start, end);
            MerkleTree.ComputeRootInPlace(nodes.AsSpan(start * EventHash.Size, (end - start) * EventHash.Size), end - start);
        });

        for (int chunk = 1; chunk < chunks; chunk++)
        {
            nodes.AsSpan(chunk * EventsPerChunk * EventHash.Size, EventHash.Size).CopyTo(nodes.AsSpan(chunk * EventHash.Size));
        }

        return chunks;
    }

    private static void HashLeaves(IReadOnlyList<ReadOnlyMemory<byte>> events, byte[] nodes, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            EventHash.ComputeLeaf(events[i].Span, nodes.AsSpan(i * EventHash.Size, EventHash.Size));
        }
    }
}

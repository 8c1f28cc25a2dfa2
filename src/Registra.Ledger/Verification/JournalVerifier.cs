using System.Diagnostics;

namespace Registra.Ledger;

/// <summary>
/// Recomputes every header hash, Merkle root and signature of a journal, checks the hash chain and
/// the height and sequence continuity, replays the events, and names the first block that fails.
/// </summary>
public static class JournalVerifier
{
    private static readonly byte[] ZeroHash = new byte[EventHash.Size];

    /// <summary>Verifies all blocks of <paramref name="store"/> in height order, stopping at the first failure.</summary>
    /// <param name="publicKey">Raw 32-byte Ed25519 public key of the node that signed the blocks.</param>
    /// <param name="progress">Receives progress after every verified block.</param>
    /// <param name="onEvent">
    /// Receives each event of a verified block, with its sequence number, in order. An exception it
    /// throws fails that block, with the exception's message in the report.
    /// </param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static VerificationReport Verify(
        IJournalStore store,
        byte[] publicKey,
        IProgress<VerificationProgress>? progress,
        Action<long, ReadOnlyMemory<byte>>? onEvent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(publicKey);

        long started = Stopwatch.GetTimestamp();
        long totalBlocks = store.CountBlocks();
        string keyId = NodeKey.ComputeKeyId(publicKey);
        var state = new ChainPosition(Height: 0, LastSequence: 0, Hash: ZeroHash);
        long blocksVerified = 0;
        long eventsVerified = 0;

        using IEnumerator<SealedBlock> blocks = store.ReadBlocks().GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            if (!TryReadNext(blocks, state, out SealedBlock? block, out string? failure, out long failedHeight))
            {
                return Failed(failedHeight, failure!);
            }

            if (block is null)
            {
                break;
            }

            failure = CheckBlock(block, state, publicKey, keyId, onEvent);
            if (failure is not null)
            {
                return Failed(block.Header.Height, failure);
            }

            state = new ChainPosition(block.Header.Height, block.Header.LastSequence, block.Hash);
            blocksVerified++;
            eventsVerified += block.Header.EventCount;
            progress?.Report(new VerificationProgress(blocksVerified, eventsVerified, totalBlocks));
        }

        return new VerificationReport(true, blocksVerified, eventsVerified, null, null, Stopwatch.GetElapsedTime(started));

        VerificationReport Failed(long height, string message) =>
            new(false, blocksVerified, eventsVerified, height, message, Stopwatch.GetElapsedTime(started));
    }

    // Reads the next block (null at the end), or returns false with the failure of a row the store cannot decode.
    private static bool TryReadNext(
        IEnumerator<SealedBlock> blocks, ChainPosition state, out SealedBlock? block, out string? failure, out long failedHeight)
    {
        block = null;
        failure = null;
        failedHeight = 0;
        try
        {
            block = blocks.MoveNext() ? blocks.Current : null;
            return true;
        }
        catch (JournalCorruptionException ex)
        {
            failedHeight = ex.Height != 0 ? ex.Height : state.Height + 1;
            failure = ex.Message;
            return false;
        }
    }

    private static string? CheckBlock(
        SealedBlock block,
        ChainPosition previous,
        byte[] publicKey,
        string keyId,
        Action<long, ReadOnlyMemory<byte>>? onEvent)
    {
        BlockHeader header = block.Header;
        string? failure = BlockChecks.CheckChain(header, previous)
            ?? BlockChecks.CheckHeaderHash(block)
            ?? BlockChecks.CheckKeyId(header, keyId)
            ?? BlockChecks.CheckSignature(block, publicKey);
        if (failure is not null)
        {
            return failure;
        }

        List<ReadOnlyMemory<byte>> events;
        try
        {
            events = EventBlob.Decode(block.Events, header.EventCount);
        }
        catch (FormatException ex)
        {
            return $"Block {header.Height}: event blob malformed: {ex.Message}";
        }

        return BlockChecks.CheckMerkleRoot(header, events) ?? Replay(header, events, onEvent);
    }

    private static string? Replay(BlockHeader header, List<ReadOnlyMemory<byte>> events, Action<long, ReadOnlyMemory<byte>>? onEvent)
    {
        if (onEvent is null)
        {
            return null;
        }

        long sequence = header.FirstSequence;
        try
        {
            for (int i = 0; i < events.Count; i++, sequence++)
            {
                onEvent(sequence, events[i]);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The replay is how the caller checks invariants, so its failure is a failure of this block.
            return $"Block {header.Height}: replay failed at sequence {sequence}: {ex.Message}";
        }

        return null;
    }
}

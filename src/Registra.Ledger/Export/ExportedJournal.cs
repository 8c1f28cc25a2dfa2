using System.Text.Json;
using Registra.Events;

namespace Registra.Ledger.Export;

/// <summary>
/// A read-only journal store over a JSON lines export, so the verifier and the importer read an
/// export exactly like a database. Each block's events are re-encoded to their canonical bytes.
/// </summary>
public sealed class ExportedJournal : IJournalStore
{
    private const string PublicKeyMetadata = "node_public_key";

    private readonly string _path;

    private ExportedJournal(string path, ExportHeader header)
    {
        _path = path;
        Header = header;
    }

    public ExportHeader Header { get; }

    /// <exception cref="InvalidDataException">The file is not a Registra journal export.</exception>
    public static ExportedJournal Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The export file {path} does not exist.", path);
        }

        using var reader = new StreamReader(path);
        var first = reader.ReadLine();
        var header = first is null ? null : Parse(path, first, 1).Journal;
        if (header is null || header.Format != JournalJson.Format)
        {
            throw new InvalidDataException($"{path} is not a Registra journal export: its first line is not a '{JournalJson.Format}' header.");
        }

        if (header.Version != JournalJson.Version)
        {
            throw new InvalidDataException($"{path} has export version {header.Version}; this build reads version {JournalJson.Version}.");
        }

        return new ExportedJournal(path, header);
    }

    public long CountBlocks() => Header.Blocks;

    /// <exception cref="JournalCorruptionException">
    /// A block has fewer or more event lines than it lists, or the file has fewer or more blocks than its header lists.
    /// </exception>
    /// <exception cref="InvalidDataException">A line is not valid JSON or not an export line, or a block's fields are malformed.</exception>
    public IEnumerable<SealedBlock> ReadBlocks(long fromHeight = 1)
    {
        using var reader = new StreamReader(_path);
        reader.ReadLine();
        var lineNumber = 1;
        ExportBlock? current = null;
        long blocksRead = 0;
        var events = new List<ReadOnlyMemory<byte>>();
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            var line = Parse(_path, text, lineNumber);
            if (line.Block is { } block)
            {
                blocksRead++;
                if (current is not null && current.Height >= fromHeight)
                {
                    yield return ToSealed(current, events, lineNumber);
                }

                current = block;
                events = new List<ReadOnlyMemory<byte>>(block.EventCount);
            }
            else if (line.Event is { } exported)
            {
                if (current is null)
                {
                    throw new InvalidDataException($"Line {lineNumber} of {_path} has an event before any block.");
                }

                events.Add(EventCodec.Encode(new LedgerEvent(exported.Sequence, exported.Timestamp, exported.Event)));
            }
        }

        if (current is not null && current.Height >= fromHeight)
        {
            yield return ToSealed(current, events, lineNumber);
        }

        // A file cut short can end on a block boundary, so only the header's count reveals the loss.
        if (blocksRead != Header.Blocks)
        {
            throw new JournalCorruptionException(
                $"The export has {blocksRead} block{(blocksRead == 1 ? "" : "s")}, but its header lists {Header.Blocks}; the file is truncated or was edited.")
            { Height = Math.Min(blocksRead, Header.Blocks) + 1 };
        }
    }

    private static SealedBlock ToSealed(ExportBlock block, List<ReadOnlyMemory<byte>> events, int lineNumber)
    {
        if (events.Count != block.EventCount)
        {
            throw new JournalCorruptionException(
                $"Block {block.Height}: the export has {events.Count} event lines for it, but the block lists {block.EventCount} events; event lines are missing or were added.")
            { Height = block.Height };
        }

        try
        {
            var header = new BlockHeader(block.Height, block.FirstSequence, block.EventCount, block.CommittedAtUnixMicroseconds,
                Convert.FromHexString(block.MerkleRoot), Convert.FromHexString(block.PreviousHash), block.KeyId);
            return new SealedBlock(header, Convert.FromHexString(block.Signature), Convert.FromHexString(block.Hash), EventBlob.Encode(events));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Block {block.Height} before line {lineNumber} is malformed: {exception.Message}", exception);
        }
    }

    private static ExportLine Parse(string path, string text, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<ExportLine>(text, JournalJson.Options)
                ?? throw new InvalidDataException($"Line {lineNumber} of {path} is the JSON null, not an export line.");
        }
        catch (JsonException exception)
        {
            // System.Text.Json appends "Path: ... | LineNumber: ..." to its message; the field path is kept, the rest is noise here.
            var reason = exception.Message.Split(" Path: ")[0].TrimEnd('.');
            var field = exception.Path is { Length: > 1 } jsonPath ? $" at {jsonPath}" : string.Empty;
            throw new InvalidDataException(
                $"Line {lineNumber} of {path} is not a valid export line{field}: {reason}. Export the journal again, or restore the file from a backup.", exception);
        }
    }

    public JournalHead? ReadHead() => throw new NotSupportedException("An export is read in order with ReadBlocks.");

    public void Append(SealedBlock block) => throw new NotSupportedException("An export is read-only.");

    public SealedBlock? ReadBlockContaining(long sequence) =>
        ReadBlocks().FirstOrDefault(b => b.Header.FirstSequence <= sequence && sequence <= b.Header.LastSequence);

    public void SaveSnapshot(long height, ReadOnlyMemory<byte> state) => throw new NotSupportedException("An export is read-only.");

    public (long Height, byte[] State)? ReadLatestSnapshot() => null;

    public void SetMetadata(string key, string value) => throw new NotSupportedException("An export is read-only.");

    public string? GetMetadata(string key) => key == PublicKeyMetadata ? Header.PublicKey : null;

    /// <summary>Lists the one metadata entry an export carries, the node's public key, when it matches the prefix.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ListMetadata(string prefix) =>
        PublicKeyMetadata.StartsWith(prefix, StringComparison.Ordinal) ? [new(PublicKeyMetadata, Header.PublicKey)] : [];

    public void Dispose()
    {
    }
}

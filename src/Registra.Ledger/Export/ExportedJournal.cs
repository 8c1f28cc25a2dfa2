using System.Text.Json;
using Registra.Events;

namespace Registra.Ledger.Export;

/// <summary>
/// A read-only journal store over a JSON lines export, so the verifier and the importer read an
/// export exactly like a database. Each block's events are re-encoded to their canonical bytes.
/// </summary>
public sealed class ExportedJournal : IJournalStore
{
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
        var header = first is null ? null : Parse(first, 1).Journal;
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

    public IEnumerable<SealedBlock> ReadBlocks(long fromHeight = 1)
    {
        using var reader = new StreamReader(_path);
        reader.ReadLine();
        var lineNumber = 1;
        ExportBlock? current = null;
        var events = new List<ReadOnlyMemory<byte>>();
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            var line = Parse(text, lineNumber);
            if (line.Block is { } block)
            {
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
    }

    private static SealedBlock ToSealed(ExportBlock block, List<ReadOnlyMemory<byte>> events, int lineNumber)
    {
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

    private static ExportLine Parse(string text, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<ExportLine>(text, JournalJson.Options)
                ?? throw new InvalidDataException($"Line {lineNumber} is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Line {lineNumber} is not a valid export line: {exception.Message}", exception);
        }
    }

    public JournalHead? ReadHead() => throw new NotSupportedException("An export is read in order with ReadBlocks.");

    public void Append(SealedBlock block) => throw new NotSupportedException("An export is read-only.");

    public SealedBlock? ReadBlockContaining(long sequence) =>
        ReadBlocks().FirstOrDefault(b => b.Header.FirstSequence <= sequence && sequence <= b.Header.LastSequence);

    public void SaveSnapshot(long height, ReadOnlyMemory<byte> state) => throw new NotSupportedException("An export is read-only.");

    public (long Height, byte[] State)? ReadLatestSnapshot() => null;

    public void SetMetadata(string key, string value) => throw new NotSupportedException("An export is read-only.");

    public string? GetMetadata(string key) => key == "node_public_key" ? Header.PublicKey : null;

    public IEnumerable<(string Key, string Value)> ListMetadata(string prefix) => [];

    public void Dispose()
    {
    }
}

using System.Text.Json;
using Registra.Events;

namespace Registra.Ledger.Export;

/// <summary>Writes a journal as JSON lines.</summary>
public static class JournalExporter
{
    /// <summary>Writes every block from the store; reports the blocks written. Returns the event count.</summary>
    public static long Export(IJournalStore store, string publicKeyHex, TextWriter output, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var header = new ExportHeader(JournalJson.Format, JournalJson.Version, publicKeyHex, store.CountBlocks());
        WriteLine(output, new ExportLine(Journal: header));
        long events = 0;
        foreach (var block in store.ReadBlocks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var h = block.Header;
            WriteLine(output, new ExportLine(Block: new ExportBlock(h.Height, h.FirstSequence, h.EventCount, h.CommittedAtUnixMicroseconds,
                Convert.ToHexStringLower(h.MerkleRoot), Convert.ToHexStringLower(h.PreviousHash), h.KeyId,
                Convert.ToHexStringLower(block.Hash), Convert.ToHexStringLower(block.Signature))));
            foreach (var bytes in EventBlob.Decode(block.Events, h.EventCount))
            {
                var ledgerEvent = EventCodec.Decode(bytes.Span);
                WriteLine(output, new ExportLine(Event: new ExportEvent(ledgerEvent.Sequence, ledgerEvent.Timestamp, ledgerEvent.Payload)));
                events++;
            }

            progress?.Report(h.Height);
        }

        return events;
    }

    private static void WriteLine(TextWriter output, ExportLine line) =>
        output.WriteLine(JsonSerializer.Serialize(line, JournalJson.Options));
}

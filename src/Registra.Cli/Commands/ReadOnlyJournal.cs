using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary>
/// Opens a data folder's journal for the read-only commands (holders, export, proof create, keys list)
/// without the engine, so they never create a node key, a schema or a metadata entry.
/// </summary>
internal static class ReadOnlyJournal
{
    /// <summary>Metadata key under which the engine and 'import journal' record the node's public key in hex.</summary>
    public const string PublicKeyMetadata = "node_public_key";

    /// <summary>Opens the journal read-only: journal.db in the folder, or the PostgreSQL journal <paramref name="journal"/> names.</summary>
    /// <exception cref="FileNotFoundException">The folder has no journal.db.</exception>
    /// <exception cref="InvalidDataException">journal.db is empty, not a SQLite database or not a Registra journal, or the database has no journal.</exception>
    /// <exception cref="IOException">PostgreSQL could not be reached.</exception>
    public static IJournalStore Open(DirectoryInfo data, JournalLocation journal)
    {
        if (journal.IsPostgres)
        {
            return journal.OpenReadOnly();
        }

        var journalPath = journal.SqlitePath!;
        if (!File.Exists(journalPath))
        {
            throw new FileNotFoundException(
                $"No journal at {journalPath}; check the --data folder, or import data first with 'registra import ocf' or 'registra import journal'.",
                journalPath);
        }

        if (new FileInfo(journalPath).Length == 0)
        {
            throw new InvalidDataException($"{journalPath} is an empty file, not a journal; restore it from a backup or an export.");
        }

        return SqliteJournalStore.OpenReadOnly(journalPath);
    }

    /// <summary>
    /// Replays every stored event into a new register and returns it with the ledger time at which
    /// each security was created.
    /// </summary>
    /// <exception cref="InvalidDataException">A block cannot be decoded or its events cannot be replayed.</exception>
    /// <exception cref="JournalCorruptionException">A stored row cannot be decoded into a block.</exception>
    public static (Register.Register Register, Dictionary<string, DateTimeOffset> SecurityCreatedAt) Replay(IJournalStore store)
    {
        var register = new Register.Register();
        var createdAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        Output.WithProgress("Replaying blocks", store.CountBlocks(), progress =>
        {
            foreach (var block in store.ReadBlocks())
            {
                ReplayBlock(register, block, createdAt);
                progress.Report(block.Header.Height);
            }

            return 0;
        });
        return (register, createdAt);
    }

    /// <summary>Reads the node's public key: node.pub when present, otherwise the key recorded in the journal.</summary>
    /// <returns>The key in hex, or null when neither has one, and whether it came from the journal itself.</returns>
    public static (string? Key, bool FromJournal) ReadPublicKey(DirectoryInfo data, IJournalStore store)
    {
        var publicKeyPath = Path.Combine(data.FullName, NodeKey.PublicKeyFileName);
        if (File.Exists(publicKeyPath))
        {
            return (File.ReadAllText(publicKeyPath).Trim(), false);
        }

        return (store.GetMetadata(PublicKeyMetadata), true);
    }

    private static void ReplayBlock(Register.Register register, SealedBlock block, Dictionary<string, DateTimeOffset> createdAt)
    {
        var height = block.Header.Height;
        try
        {
            foreach (var bytes in EventBlob.Decode(block.Events, block.Header.EventCount))
            {
                var ledgerEvent = EventCodec.Decode(bytes.Span);
                register.Apply(ledgerEvent);
                if (ledgerEvent.Payload is SecurityCreated created)
                {
                    createdAt[created.SecurityId] = ledgerEvent.Timestamp;
                }
            }
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or KeyNotFoundException
            or ArgumentException or OverflowException or InvalidDataException)
        {
            // Damaged event bytes can fail in the decoder or in the register, so both are reported against the block.
            throw new InvalidDataException(
                $"the journal is damaged: the events of block {height} cannot be replayed ({exception.Message}). " +
                "Run 'registra verify' on the data folder for details.", exception);
        }
    }
}

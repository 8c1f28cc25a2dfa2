using Registra.Api.Hosting;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Nodes;

namespace Registra.Cli.Commands;

/// <summary>Checks that guard the commands which write to a data folder.</summary>
internal static class DataFolder
{
    /// <summary>
    /// Opens the engine, which creates the folder and node key when the folder is new, but never
    /// creates a key beside a journal that an existing key signed.
    /// </summary>
    /// <exception cref="InvalidDataException">The journal was signed by a key that is missing or differs from node.key.</exception>
    /// <exception cref="InvalidDataException">Another node holds the writer lease of the journal.</exception>
    public static WriterSession OpenEngine(DirectoryInfo data, JournalLocation journal)
    {
        RejectMissingNodeKey(data, journal);
        var lease = TakeWriterLease(data, journal);
        try
        {
            var engine = LedgerEngine.Open(data.FullName, journal: journal);
            if (lease is PostgresNodeLease postgresLease && engine.Store is PostgresJournalStore store)
            {
                postgresLease.Fence(store);
            }

            return new WriterSession(engine, lease);
        }
        catch (InvalidOperationException exception)
        {
            // LedgerEngine.Open raises InvalidOperationException when node.key did not sign the journal.
            lease.Dispose();
            throw new InvalidDataException(exception.Message, exception);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes the lease that a running server holds while it writes, so a command and a server never
    /// append to one journal at the same time.
    /// </summary>
    private static IWriterLease TakeWriterLease(DirectoryInfo data, JournalLocation journal)
    {
        IWriterLease lease;
        if (journal.IsPostgres)
        {
            // The schema, with its lease table, must exist before the lease is taken.
            using (journal.Open())
            {
            }

            lease = new PostgresNodeLease(journal.PostgresConnectionString!,
                $"registra command line on {Environment.MachineName} pid {Environment.ProcessId}");
        }
        else
        {
            data.Create();
            lease = new FileWriterLease(Path.Combine(data.FullName, FileWriterLease.FileName));
        }

        if (lease.TryAcquire())
        {
            return lease;
        }

        lease.Dispose();
        throw new InvalidDataException(
            $"Another node holds the writer lease of the journal in {journal.Description}, so this command cannot write to it. " +
            "Stop the server that writes there, or make the change through its API, and run the command again.");
    }

    /// <summary>Rejects a folder whose journal names a signing key while node.key is missing, as after 'import journal'.</summary>
    /// <exception cref="InvalidDataException">The folder has a journal signed by a key, but no node.key.</exception>
    public static void RejectMissingNodeKey(DirectoryInfo data, JournalLocation journal) =>
        NodeKeyGuard.RejectMissingNodeKey(data.FullName, journal);
}

/// <summary>An engine opened by a writing command, with the writer lease it holds until it is disposed.</summary>
internal sealed class WriterSession(LedgerEngine engine, IWriterLease lease) : IDisposable
{
    public LedgerEngine Engine { get; } = engine;

    public void Dispose()
    {
        Engine.Dispose();
        lease.Dispose();
    }
}

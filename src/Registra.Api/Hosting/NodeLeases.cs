using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Nodes;

namespace Registra.Api.Hosting;

/// <summary>Chooses the writer lease for the journal's store and opens the engine in the role the lease gives.</summary>
internal static class NodeLeases
{
    /// <summary>
    /// A PostgreSQL advisory lock for a PostgreSQL journal, which nodes on several hosts share, or
    /// a lock file beside a SQLite journal, which only nodes on one host can share.
    /// </summary>
    public static IWriterLease Create(ApiOptions options)
    {
        if (options.Journal is { IsPostgres: true } journal)
        {
            string holder = $"{Environment.MachineName} pid {Environment.ProcessId} at {options.AdvertiseUrl ?? options.Urls}";
            return new PostgresNodeLease(journal.PostgresConnectionString!, holder);
        }

        return new FileWriterLease(Path.Combine(options.DataDirectory, FileWriterLease.FileName));
    }

    public static LedgerEngine OpenEngine(ApiOptions options, IWriterLease lease, TimeProvider clock)
    {
        if (options.Journal is { IsPostgres: true } journal)
        {
            // The schema, with its lease table, must exist before the first node takes the lease.
            using (journal.Open())
            {
            }
        }

        var role = lease.TryAcquire() ? NodeRole.Writer : NodeRole.Follower;
        var engine = LedgerEngine.Open(options.DataDirectory, clock, new EngineOptions { Role = role }, journal: options.Journal);
        if (lease is PostgresNodeLease postgresLease && engine.Store is PostgresJournalStore store)
        {
            postgresLease.Fence(store);
        }

        return engine;
    }
}

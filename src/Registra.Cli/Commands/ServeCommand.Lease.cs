using Registra.Ledger;

namespace Registra.Cli.Commands;

internal static partial class ServeCommand
{
    // How often a waiting node tries the lease, and how often the writer checks that it still holds it.
    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Takes the writer lease of a PostgreSQL journal, waiting while another node holds it, so that
    /// only one <c>serve</c> process appends at a time and a waiting one takes over when it stops.
    /// </summary>
    private static async Task<PostgresWriterLease> TakeWriterLeaseAsync(JournalLocation journal, string urls, CancellationToken cancellationToken)
    {
        // Creates or migrates the schema, so the lease table exists before the first node requests the lease.
        using (journal.Open())
        {
        }

        string connectionString = journal.PostgresConnectionString!;
        string holder = $"{Environment.MachineName} pid {Environment.ProcessId} at {urls}";
        if (PostgresWriterLease.TryAcquire(connectionString, holder) is not { } lease)
        {
            var current = PostgresWriterLease.ReadCurrent(connectionString);
            Console.Error.WriteLine(
                $"Waiting for the writer lease of {journal.Description}: {current?.Holder ?? "another node"} holds it " +
                $"(epoch {current?.Epoch ?? 0}). This node starts serving when that node stops; it checks every {LeasePollInterval.TotalSeconds:F0} s.");
            lease = await PostgresWriterLease.AcquireAsync(connectionString, holder, LeasePollInterval, cancellationToken);
        }

        // NOTE: idempotency keys live in the previous writer's memory, so a client retry that reaches
        // this node after a takeover is applied again even if the old writer had committed it.
        Console.Error.WriteLine($"Took the writer lease of {journal.Description} at epoch {lease.Epoch}.");
        return lease;
    }

    /// <summary>
    /// Stops the host when the lease's session ends, because another node may then take the lease
    /// and this node's appends would be rejected anyway.
    /// </summary>
    private static Timer WatchWriterLease(PostgresWriterLease lease, Action stop) =>
        new(_ =>
        {
            if (!lease.IsHeld())
            {
                Console.Error.WriteLine($"error: lost the writer lease (epoch {lease.Epoch}): its PostgreSQL session ended. Stopping; restart to wait for the lease again.");
                stop();
            }
        }, null, LeasePollInterval, LeasePollInterval);
}

using System.Diagnostics;
using Npgsql;
using Registra.Commands;
using Registra.Demo;
using Registra.Events;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// The naive design on PostgreSQL: every transfer is checked by a plain <see cref="Register.Register"/>
/// with the same five rules, then committed in its own PostgreSQL transaction that updates both
/// balances and inserts a journal row. Eight connections (by default) commit in parallel, so the
/// server can group their WAL flushes.
/// </summary>
internal static class NaivePostgresBaseline
{
    private const string Schema = """
        CREATE TABLE positions (account text PRIMARY KEY, balance bigint NOT NULL);
        CREATE TABLE journal (sequence bigint PRIMARY KEY, at bigint NOT NULL, security text NOT NULL,
            from_account text NOT NULL, to_account text NOT NULL, units bigint NOT NULL);
        """;

    private const string UpdateSql = "UPDATE positions SET balance = balance + @delta WHERE account = @account";

    private const string InsertSql =
        "INSERT INTO journal (sequence, at, security, from_account, to_account, units) VALUES (@sequence, @at, @security, @from, @to, @units)";

    /// <param name="connectionString">A connection whose search path starts with an empty schema for the baseline's tables.</param>
    public static NaiveResult Run(string connectionString, EngineRunOptions options)
    {
        using var dataSource = NpgsqlDataSource.Create(connectionString);
        using (var setupConnection = dataSource.OpenConnection())
        {
            Execute(setupConnection, Schema);
        }

        var register = new Register.Register();
        var scenario = new DemoScenario(options.Investors);
        var securityId = SetUp(register, scenario, dataSource);
        var transfers = new Transfer[options.NaiveTransfers];
        for (var i = 0; i < transfers.Length; i++)
        {
            transfers[i] = scenario.NextTransfer(securityId);
        }

        var next = -1;
        long rejected = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[options.NaiveConnections];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Factory.StartNew(() =>
            {
                using var connection = dataSource.OpenConnection();
                for (var index = Interlocked.Increment(ref next); index < transfers.Length; index = Interlocked.Increment(ref next))
                {
                    if (!Commit(connection, register, transfers[index], securityId))
                    {
                        Interlocked.Increment(ref rejected);
                    }
                }
            }, TaskCreationOptions.LongRunning);
        }

        Task.WaitAll(workers);
        return new NaiveResult(transfers.Length, rejected, Stopwatch.GetElapsedTime(started));
    }

    // Checks the transfer under a lock (the register is single-threaded), then commits it in its own transaction.
    private static bool Commit(NpgsqlConnection connection, Register.Register register, Transfer transfer, string securityId)
    {
        long units;
        long sequence;
        DateTimeOffset now;
        lock (register)
        {
            now = DateTimeOffset.UtcNow;
            if (now < register.State.LastTimestamp)
            {
                now = register.State.LastTimestamp;
            }

            var result = register.Execute(transfer, now);
            if (!result.Accepted)
            {
                return false;
            }

            units = (long)((Transferred)result.Events[0]).Units;
            sequence = register.State.LastSequence;
        }

        // Each transaction locks its two rows in account order, so two transfers cannot deadlock on each other.
        bool fromFirst = string.CompareOrdinal(transfer.FromAccountId, transfer.ToAccountId) < 0;
        using var transaction = connection.BeginTransaction();
        Update(connection, transaction, fromFirst ? transfer.FromAccountId : transfer.ToAccountId, fromFirst ? -units : units);
        Update(connection, transaction, fromFirst ? transfer.ToAccountId : transfer.FromAccountId, fromFirst ? units : -units);
        using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            insert.Parameters.AddWithValue("sequence", sequence);
            insert.Parameters.AddWithValue("at", now.UtcTicks);
            insert.Parameters.AddWithValue("security", securityId);
            insert.Parameters.AddWithValue("from", transfer.FromAccountId);
            insert.Parameters.AddWithValue("to", transfer.ToAccountId);
            insert.Parameters.AddWithValue("units", units);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return true;
    }

    private static void Update(NpgsqlConnection connection, NpgsqlTransaction transaction, string account, long delta)
    {
        using var update = new NpgsqlCommand(UpdateSql, connection, transaction);
        update.Parameters.AddWithValue("delta", delta);
        update.Parameters.AddWithValue("account", account);
        update.ExecuteNonQuery();
    }

    private static string SetUp(Register.Register register, DemoScenario scenario, NpgsqlDataSource dataSource)
    {
        var now = DateTimeOffset.UtcNow;
        var results = scenario.SetupCommands(now.AddYears(-1)).Select(command => register.Execute(command, now)).ToList();
        var securityId = results[1].CreatedId!;
        foreach (var command in scenario.FundingCommands(securityId))
        {
            if (!register.Execute(command, now).Accepted)
            {
                throw new InvalidOperationException($"Funding command {command} was rejected in the naive baseline.");
            }
        }

        using var connection = dataSource.OpenConnection();
        using var writer = connection.BeginBinaryImport("COPY positions (account, balance) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < scenario.Investors; i++)
        {
            writer.StartRow();
            writer.Write(DemoScenario.AccountOf(i));
            writer.Write((long)DemoScenario.UnitsPerInvestor);
        }

        writer.Complete();
        return securityId;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

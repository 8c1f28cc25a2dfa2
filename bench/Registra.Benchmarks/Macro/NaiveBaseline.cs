using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Registra.Commands;
using Registra.Demo;
using Registra.Events;

namespace Registra.Benchmarks.Macro;

internal sealed record NaiveResult(long Transfers, long Rejected, TimeSpan Elapsed);

/// <summary>
/// The design the engine is compared with: every transfer is checked by a plain
/// <see cref="Register.Register"/> with the same five rules, then committed in its own SQLite
/// transaction (WAL, synchronous=FULL) that updates both balances and inserts a journal row.
/// </summary>
internal static class NaiveBaseline
{
    private const string Schema = """
        CREATE TABLE positions (account TEXT PRIMARY KEY, balance INTEGER NOT NULL);
        CREATE TABLE journal (sequence INTEGER PRIMARY KEY, at INTEGER NOT NULL, security TEXT NOT NULL,
            from_account TEXT NOT NULL, to_account TEXT NOT NULL, units INTEGER NOT NULL);
        """;

    public static NaiveResult Run(string path, EngineRunOptions options)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        Execute(connection, Schema);

        var register = new Register.Register();
        var scenario = new DemoScenario(options.Investors);
        var securityId = SetUp(register, scenario, connection);
        var transfers = new Transfer[options.NaiveTransfers];
        for (var i = 0; i < transfers.Length; i++)
        {
            transfers[i] = scenario.NextTransfer(securityId);
        }

        using var debit = Prepare(connection, "UPDATE positions SET balance = balance - $units WHERE account = $account", "$units", "$account");
        using var credit = Prepare(connection, "UPDATE positions SET balance = balance + $units WHERE account = $account", "$units", "$account");
        using var insert = Prepare(connection,
            "INSERT INTO journal (sequence, at, security, from_account, to_account, units) VALUES ($sequence, $at, $security, $from, $to, $units)",
            "$sequence", "$at", "$security", "$from", "$to", "$units");

        long rejected = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < transfers.Length; i++)
        {
            var transfer = transfers[i];
            var now = DateTimeOffset.UtcNow;
            if (now < register.State.LastTimestamp)
            {
                now = register.State.LastTimestamp;
            }

            var result = register.Execute(transfer, now);
            if (!result.Accepted)
            {
                rejected++;
                continue;
            }

            var units = (long)((Transferred)result.Events[0]).Units;
            using var transaction = connection.BeginTransaction();
            Bind(debit, transaction, units, transfer.FromAccountId).ExecuteNonQuery();
            Bind(credit, transaction, units, transfer.ToAccountId).ExecuteNonQuery();
            insert.Transaction = transaction;
            insert.Parameters["$sequence"].Value = register.State.LastSequence;
            insert.Parameters["$at"].Value = now.UtcTicks;
            insert.Parameters["$security"].Value = securityId;
            insert.Parameters["$from"].Value = transfer.FromAccountId;
            insert.Parameters["$to"].Value = transfer.ToAccountId;
            insert.Parameters["$units"].Value = units;
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        return new NaiveResult(transfers.Length, rejected, Stopwatch.GetElapsedTime(started));
    }

    private static string SetUp(Register.Register register, DemoScenario scenario, SqliteConnection connection)
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

        using var transaction = connection.BeginTransaction();
        using var insert = Prepare(connection, "INSERT INTO positions (account, balance) VALUES ($account, $units)", "$account", "$units");
        insert.Transaction = transaction;
        for (var i = 0; i < scenario.Investors; i++)
        {
            insert.Parameters["$account"].Value = DemoScenario.AccountOf(i);
            insert.Parameters["$units"].Value = DemoScenario.UnitsPerInvestor;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return securityId;
    }

    private static SqliteCommand Bind(SqliteCommand command, SqliteTransaction transaction, long units, string account)
    {
        command.Transaction = transaction;
        command.Parameters["$units"].Value = units;
        command.Parameters["$account"].Value = account;
        return command;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

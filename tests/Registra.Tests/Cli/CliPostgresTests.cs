using Npgsql;
using Registra.Ledger;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary>The real executable with <c>--store</c> on a PostgreSQL journal, each test in schemas of its own.</summary>
public sealed class CliPostgresTests
{
    [SkippableFact]
    public async Task Verify_PostgresJournal_Succeeds()
    {
        using var database = new PostgresTestDatabase();
        using var folder = await DemoAsync(database);

        var withFolder = await RegistraCli.RunAsync("verify", "--data", folder.Combine("data"), "--store", database.ConnectionString);
        var storeOnly = await RegistraCli.RunAsync("verify", "--store", ToUrl(database.ConnectionString));

        Assert.True(withFolder.ExitCode == 0, withFolder.Output + withFolder.Error);
        Assert.Contains("invariants hold", withFolder.Output);
        Assert.DoesNotContain("warning", withFolder.Error);
        Assert.True(storeOnly.ExitCode == 0, storeOnly.Output + storeOnly.Error);
        Assert.Contains("public key named inside the journal", storeOnly.Error);
        Assert.False(File.Exists(folder.Combine(Path.Combine("data", JournalLocation.SqliteFileName))));
    }

    [SkippableFact]
    public async Task Verify_TamperedPostgresBlock_NamesIt()
    {
        using var database = new PostgresTestDatabase();
        using var folder = await DemoAsync(database);

        // Tampering takes deliberate steps: the owner grants itself UPDATE back and disables the trigger.
        database.Execute("""
            GRANT UPDATE ON blocks TO CURRENT_USER;
            ALTER TABLE blocks DISABLE TRIGGER blocks_reject_change;
            UPDATE blocks SET events = set_byte(events, 40, get_byte(events, 40) # 1) WHERE height = 3;
            """);
        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Combine("data"), "--store", database.ConnectionString);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("FAILED at block 3", verify.Output);
    }

    [SkippableFact]
    public async Task ExportImport_PostgresRoundTripIsIdentical()
    {
        using var source = new PostgresTestDatabase();
        using var restored = new PostgresTestDatabase();
        using var folder = await DemoAsync(source);
        string firstExport = folder.Combine("first.jsonl");
        string secondExport = folder.Combine("second.jsonl");

        var export = await RegistraCli.RunAsync("export", "--data", folder.Combine("data"), "--store", source.ConnectionString, "-o", firstExport);
        var import = await RegistraCli.RunAsync("import", "journal", firstExport, "--data", folder.Combine("restored"), "--store", restored.ConnectionString);
        var again = await RegistraCli.RunAsync("import", "journal", firstExport, "--data", folder.Combine("again"), "--store", restored.ConnectionString);
        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Combine("restored"), "--store", restored.ConnectionString);
        var reexport = await RegistraCli.RunAsync("export", "--data", folder.Combine("restored"), "--store", restored.ConnectionString, "-o", secondExport);

        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a journal", again.Error);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.True(reexport.ExitCode == 0, reexport.Output + reexport.Error);
        Assert.Equal(File.ReadAllText(firstExport), File.ReadAllText(secondExport));
    }

    [SkippableFact]
    public async Task Export_SqliteFolderRestoresIntoPostgres()
    {
        using var database = new PostgresTestDatabase();
        using var folder = await CliFolders.DemoAsync();
        string sqliteExport = folder.Combine("sqlite.jsonl");
        string postgresExport = folder.Combine("postgres.jsonl");

        await RegistraCli.RunAsync("export", "--data", folder.Combine("data"), "-o", sqliteExport);
        var import = await RegistraCli.RunAsync("import", "journal", sqliteExport, "--data", folder.Combine("restored"), "--store", database.ConnectionString);
        var export = await RegistraCli.RunAsync("export", "--data", folder.Combine("restored"), "--store", database.ConnectionString, "-o", postgresExport);
        var holders = await RegistraCli.RunAsync("holders", "--data", folder.Combine("restored"), "--store", database.ConnectionString);

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.Equal(File.ReadAllText(sqliteExport), File.ReadAllText(postgresExport));
        Assert.True(holders.ExitCode == 0, holders.Output + holders.Error);
        Assert.Contains("Demo Common Stock", holders.Output);
    }

    [SkippableFact]
    public async Task Store_BadValueOrNoServer_ExitsTwo()
    {
        using var database = new PostgresTestDatabase();
        using var folder = new TempFolder();
        string missingSocket = Path.Combine(folder.Path, "no-server");

        var malformed = await RegistraCli.RunAsync("verify", "--store", "journal.db");
        var badPort = await RegistraCli.RunAsync("export", "--data", folder.Path, "--store", "postgres://registra:hunter2@localhost:70000/db");
        var noServer = await RegistraCli.RunAsync("verify", "--store", $"Host={missingSocket};Username=registra;Password=hunter2;Timeout=2");
        var noJournal = await RegistraCli.RunAsync("export", "--data", folder.Path, "--store", database.ConnectionString);

        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("is not a PostgreSQL connection string", malformed.Error);
        Assert.Equal(2, badPort.ExitCode);
        Assert.Contains("70000", badPort.Error);
        Assert.DoesNotContain("hunter2", badPort.Error);
        Assert.Equal(2, noServer.ExitCode);
        Assert.Contains(missingSocket, noServer.Error);
        Assert.DoesNotContain("hunter2", noServer.Error);
        Assert.Equal(2, noJournal.ExitCode);
        Assert.Contains("schema_version", noJournal.Error);
        Assert.Equal(0L, database.Scalar($"SELECT count(*) FROM pg_tables WHERE schemaname = '{database.SchemaName}'"));
    }

    private static async Task<TempFolder> DemoAsync(PostgresTestDatabase database)
    {
        var folder = new TempFolder();
        var demo = await RegistraCli.RunAsync("demo", "--data", folder.Combine("data"), "--store", database.ConnectionString,
            "--investors", "30", "--transfers", "500", "--batch", "50");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        return folder;
    }

    // The URL form of the same target: the socket folder percent-encoded as the host, the schema as search_path.
    private static string ToUrl(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{Uri.EscapeDataString(builder.Username!)}@{Uri.EscapeDataString(builder.Host!)}:{builder.Port}/" +
            $"{Uri.EscapeDataString(builder.Database!)}?search_path={Uri.EscapeDataString(builder.SearchPath!)}";
    }
}

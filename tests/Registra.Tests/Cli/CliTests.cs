using Microsoft.Data.Sqlite;
using Registra.Ledger;
using Registra.Ledger.Access;
using Registra.Ledger.Engine;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

public sealed class CliTests
{
    private static readonly string MeridianHarbor = Path.Combine(AppContext.BaseDirectory, "Examples", "ocf", "meridian-harbor");

    [Fact]
    public async Task Verify_TamperedEvent_NamesItsBlock()
    {
        using var folder = await DemoFolderAsync(transfers: 2000);
        var tamperedHeight = TamperWithMiddleBlock(folder.Combine(LedgerEngine.JournalFileName));

        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Path);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"FAILED at block {tamperedHeight}", verify.Output);
    }

    [Fact]
    public async Task Verify_CleanJournal_Succeeds()
    {
        using var folder = await DemoFolderAsync(transfers: 500);

        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Path);

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("invariants hold", verify.Output);
    }

    [Fact]
    public async Task ExportAndImport_RoundTripVerifies()
    {
        using var folder = await DemoFolderAsync(transfers: 500);
        using var target = new TempFolder();
        var exportFile = target.Combine("journal.jsonl");
        var publicKey = File.ReadAllText(folder.Combine(NodeKey.PublicKeyFileName)).Trim();

        var export = await RegistraCli.RunAsync("export", "--data", folder.Path, "--output", exportFile);
        var verifyExport = await RegistraCli.RunAsync("verify", "--export", exportFile, "--public-key", publicKey);
        var restore = await RegistraCli.RunAsync("import", "journal", exportFile, "--data", target.Combine("restored"));
        var verifyRestored = await RegistraCli.RunAsync("verify", "--data", target.Combine("restored"), "--public-key", publicKey);

        Assert.True(export.ExitCode == 0, export.Error);
        Assert.True(verifyExport.ExitCode == 0, verifyExport.Output + verifyExport.Error);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);
        Assert.True(verifyRestored.ExitCode == 0, verifyRestored.Output + verifyRestored.Error);
    }

    [Fact]
    public async Task VerifyExport_EditedAmount_Fails()
    {
        using var folder = await DemoFolderAsync(transfers: 200);
        var exportFile = folder.Combine("journal.jsonl");
        var publicKey = File.ReadAllText(folder.Combine(NodeKey.PublicKeyFileName)).Trim();
        await RegistraCli.RunAsync("export", "--data", folder.Path, "--output", exportFile);
        var lines = File.ReadAllLines(exportFile);
        var index = Array.FindLastIndex(lines, line => line.Contains("\"transferred\""));
        lines[index] = System.Text.RegularExpressions.Regex.Replace(lines[index], "\"units\":(\\d+)", m => $"\"units\":{long.Parse(m.Groups[1].Value) + 1}");
        File.WriteAllLines(exportFile, lines);

        var verify = await RegistraCli.RunAsync("verify", "--export", exportFile, "--public-key", publicKey);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("Merkle", verify.Output);
    }

    [Fact]
    public async Task Proof_VerifiesOnlyWithNodeKey()
    {
        using var folder = await DemoFolderAsync(transfers: 100);
        var proofFile = folder.Combine("proof.json");
        var publicKey = File.ReadAllText(folder.Combine(NodeKey.PublicKeyFileName)).Trim();
        var otherKey = new string('1', 64);

        var create = await RegistraCli.RunAsync("proof", "create", "--data", folder.Path, "--sequence", "42", "--output", proofFile);
        var valid = await RegistraCli.RunAsync("proof", "verify", proofFile, "--public-key", publicKey);
        var invalid = await RegistraCli.RunAsync("proof", "verify", proofFile, "--public-key", otherKey);
        var missing = await RegistraCli.RunAsync("proof", "create", "--data", folder.Path, "--sequence", "99999999");

        Assert.True(create.ExitCode == 0, create.Error);
        Assert.True(valid.ExitCode == 0, valid.Output + valid.Error);
        Assert.Contains("VALID: event 42", valid.Output);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("99999999", missing.Error);
    }

    [Fact]
    public async Task KeysCreate_PrintsKeyOnceAndStoresHash()
    {
        using var folder = new TempFolder();

        var created = await RegistraCli.RunAsync("keys", "create", "--role", "issuer-agent", "--scope", "acme", "--permissions", "supply,freeze", "--data", folder.Path);

        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Output.Trim();
        Assert.StartsWith("rk_", key);
        using var store = SqliteJournalStore.Open(folder.Combine(LedgerEngine.JournalFileName));
        var record = new ApiKeyRegistry(store, TimeProvider.System).Authenticate(key);
        Assert.NotNull(record);
        Assert.Equal(Registra.Access.Permissions.Supply | Registra.Access.Permissions.Freeze, record.Permissions);
        Assert.Equal("acme", record.ScopeId);
        Assert.DoesNotContain(key.Split('_', 3)[2], File.ReadAllText(folder.Combine(LedgerEngine.JournalFileName)));
    }

    [Theory]
    [InlineData("pilot", null, null, "Unknown role 'pilot'")]
    [InlineData("investor", null, null, "needs --scope")]
    [InlineData("issuer-agent", "acme", "supply,fly", "Unknown permissions 'supply,fly'")]
    public async Task KeysCreate_BadInput_ExplainsAndFails(string role, string? scope, string? permissions, string message)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "keys", "create", "--role", role, "--data", folder.Path };
        if (scope is not null)
        {
            args.AddRange(["--scope", scope]);
        }

        if (permissions is not null)
        {
            args.AddRange(["--permissions", permissions]);
        }

        var result = await RegistraCli.RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task ImportOcf_MeridianHarbor_BuildsVerifiedRegister()
    {
        using var folder = new TempFolder();

        var import = await RegistraCli.RunAsync("import", "ocf", MeridianHarbor, "--data", folder.Path);
        var holders = await RegistraCli.RunAsync("holders", "--data", folder.Path);
        var verify = await RegistraCli.RunAsync("verify", "--data", folder.Path);

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.Contains("Imported 52 stakeholders, 3 stock classes and 79 transactions", import.Output);
        Assert.Contains("18472000", holders.Output);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    [Fact]
    public async Task ImportOcf_TwiceIntoSameFolder_IsRejected()
    {
        using var folder = new TempFolder();
        await RegistraCli.RunAsync("import", "ocf", MeridianHarbor, "--data", folder.Path);

        var second = await RegistraCli.RunAsync("import", "ocf", MeridianHarbor, "--data", folder.Path);

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("imported into this data folder already", second.Error);
    }

    [Fact]
    public async Task ImportOcf_MissingManifest_ExplainsAndFails()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("package"));

        var result = await RegistraCli.RunAsync("import", "ocf", folder.Combine("package"), "--data", folder.Combine("data"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Manifest.ocf.json", result.Error);
    }

    [Fact]
    public async Task Holders_FutureInstant_IsRejected()
    {
        using var folder = await DemoFolderAsync(transfers: 10);

        var result = await RegistraCli.RunAsync("holders", "--data", folder.Path, "--at", "2999-01-01T00:00:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("in the future", result.Error);
    }

    private static async Task<TempFolder> DemoFolderAsync(int transfers)
    {
        var folder = new TempFolder();
        var demo = await RegistraCli.RunAsync("demo", "--data", folder.Path, "--investors", "30", "--transfers", transfers.ToString(), "--batch", "50");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        return folder;
    }

    /// <summary>Flips one byte inside the event blob of the middle block; returns that block's height.</summary>
    private static long TamperWithMiddleBlock(string journalPath)
    {
        using var connection = new SqliteConnection($"Data Source={journalPath};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT MAX(height) FROM blocks";
        var height = (long)count.ExecuteScalar()! / 2 + 1;

        // The blocks table refuses updates through triggers, so a tamperer has to drop them first.
        using var drop = connection.CreateCommand();
        drop.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger'";
        var triggers = new List<string>();
        using (var reader = drop.ExecuteReader())
        {
            while (reader.Read())
            {
                triggers.Add(reader.GetString(0));
            }
        }

        foreach (var trigger in triggers)
        {
            using var dropTrigger = connection.CreateCommand();
            dropTrigger.CommandText = $"DROP TRIGGER {trigger}";
            dropTrigger.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT events FROM blocks WHERE height = $height";
        read.Parameters.AddWithValue("$height", height);
        var events = (byte[])read.ExecuteScalar()!;
        events[40] ^= 1;

        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE blocks SET events = $events WHERE height = $height";
        update.Parameters.AddWithValue("$events", events);
        update.Parameters.AddWithValue("$height", height);
        Assert.Equal(1, update.ExecuteNonQuery());
        return height;
    }
}

using Microsoft.Data.Sqlite;
using Registra.Ledger.Engine;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Cli;

/// <summary>Data folders and exports built with the real executable, and ways to damage them.</summary>
internal static class CliFolders
{
    public static readonly string MeridianHarbor = Path.Combine(AppContext.BaseDirectory, "Examples", "ocf", "meridian-harbor");

    /// <summary>Imports the Meridian Harbor example into <c>data</c> inside a new temporary folder.</summary>
    public static async Task<TempFolder> MeridianAsync()
    {
        var folder = new TempFolder();
        var import = await RegistraCli.RunAsync("import", "ocf", MeridianHarbor, "--data", folder.Combine("data"));
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        return folder;
    }

    /// <summary>Runs a small demo into <c>data</c> inside a new temporary folder: 12 blocks, block 3 holds sequences 186 to 235.</summary>
    public static async Task<TempFolder> DemoAsync()
    {
        var folder = new TempFolder();
        var demo = await RegistraCli.RunAsync("demo", "--data", folder.Combine("data"), "--investors", "30", "--transfers", "500", "--batch", "50");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        return folder;
    }

    /// <summary>Exports <c>data</c> to <c>export.jsonl</c> in the same temporary folder and returns its lines.</summary>
    public static async Task<string[]> ExportAsync(TempFolder folder)
    {
        var export = await RegistraCli.RunAsync("export", "--data", folder.Combine("data"), "-o", folder.Combine("export.jsonl"));
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        return File.ReadAllLines(folder.Combine("export.jsonl"));
    }

    /// <summary>Overwrites one column of one block row, dropping the append-only triggers first.</summary>
    public static void ReplaceBlockColumn(string journalPath, long height, string column, Func<byte[], byte[]> change)
    {
        using var connection = new SqliteConnection($"Data Source={journalPath};Pooling=False");
        connection.Open();
        var triggers = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                triggers.Add(reader.GetString(0));
            }
        }

        foreach (var trigger in triggers)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP TRIGGER {trigger}";
            drop.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {column} FROM blocks WHERE height = $height";
        read.Parameters.AddWithValue("$height", height);
        var bytes = change((byte[])read.ExecuteScalar()!);

        using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE blocks SET {column} = $bytes WHERE height = $height";
        update.Parameters.AddWithValue("$bytes", bytes);
        update.Parameters.AddWithValue("$height", height);
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    public static string JournalPath(TempFolder folder) => Path.Combine(folder.Combine("data"), LedgerEngine.JournalFileName);
}

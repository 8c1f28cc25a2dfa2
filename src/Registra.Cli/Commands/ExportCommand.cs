using System.CommandLine;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Export;

namespace Registra.Cli.Commands;

/// <summary><c>registra export</c>: writes the journal as JSON lines.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write; standard output when omitted." };
        var command = new Command("export", "Export the journal as JSON lines: a header, then each block followed by its events.") { data, output };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(output)));
        return command;
    }

    private static int Run(DirectoryInfo data, FileInfo? output)
    {
        var journalPath = Path.Combine(data.FullName, LedgerEngine.JournalFileName);
        if (!File.Exists(journalPath))
        {
            return Output.Error($"No journal at {journalPath}; check the --data folder.");
        }

        using var store = SqliteJournalStore.OpenReadOnly(journalPath);
        var publicKey = store.GetMetadata("node_public_key") ?? string.Empty;
        if (output is null)
        {
            JournalExporter.Export(store, publicKey, Console.Out);
            return ExitCodes.Success;
        }

        using var writer = new StreamWriter(output.FullName);
        var events = Output.WithProgress("Exporting blocks", store.CountBlocks(), progress => JournalExporter.Export(store, publicKey, writer, progress));
        Output.Info($"Exported {events} events to {output.FullName}.");
        return ExitCodes.Success;
    }
}

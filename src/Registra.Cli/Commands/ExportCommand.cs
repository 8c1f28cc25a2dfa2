using System.CommandLine;
using Registra.Ledger.Export;

namespace Registra.Cli.Commands;

/// <summary><c>registra export</c>: writes the journal as JSON lines.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = CliOptions.ExistingData();
        var store = CliOptions.Store();
        var output = CliOptions.OutputFile("File to write; standard output when omitted.");
        var command = new Command("export", "Export the journal as JSON lines: a header, then each block followed by its events.") { data, store, output };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(store), parse.GetValue(output)));
        return command;
    }

    private static int Run(DirectoryInfo data, string? storeOption, FileInfo? output)
    {
        using var store = ReadOnlyJournal.Open(data, CliOptions.Journal(data, storeOption));
        var publicKey = store.GetMetadata(ReadOnlyJournal.PublicKeyMetadata) ?? string.Empty;
        if (output is null)
        {
            JournalExporter.Export(store, publicKey, Console.Out);
            return ExitCodes.Success;
        }

        // Written beside the target and renamed at the end, so a damaged journal leaves no partial export behind.
        var temporaryPath = output.FullName + ".partial";
        try
        {
            long events;
            using (var writer = new StreamWriter(temporaryPath))
            {
                events = Output.WithProgress("Exporting blocks", store.CountBlocks(), progress => JournalExporter.Export(store, publicKey, writer, progress));
            }

            File.Move(temporaryPath, output.FullName, overwrite: true);
            Output.Info($"Exported {Output.Count(events, "event")} to {output.FullName}.");
            return ExitCodes.Success;
        }
        finally
        {
            File.Delete(temporaryPath);
        }
    }
}

using System.CommandLine;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Export;

namespace Registra.Cli.Commands;

/// <summary><c>registra import</c>: Open Cap Format packages and journal exports.</summary>
internal static partial class ImportCommand
{
    public static Command Create() => new("import", "Import data into a data folder.") { CreateOcf(), CreateJournal() };

    private static Command CreateJournal()
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON lines export written by 'registra export'." };
        var data = CliOptions.Data();
        var command = new Command("journal",
            "Restore a journal export into an empty data folder. Every block is verified first; to append new blocks, also restore the node.key it was signed with.")
        {
            file, data,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(RunJournal(parse.GetValue(file)!, parse.GetValue(data)!, cancellationToken)));
        return command;
    }

    private static int RunJournal(FileInfo file, DirectoryInfo data, CancellationToken cancellationToken)
    {
        var journalPath = Path.Combine(data.FullName, LedgerEngine.JournalFileName);
        if (File.Exists(journalPath))
        {
            return Output.Error($"{journalPath} already exists; restore into an empty data folder.");
        }

        ExportedJournal export;
        try
        {
            export = ExportedJournal.Open(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            return Output.Error(exception.Message);
        }

        using (export)
        {
            if (!VerifyCommand.TryParseKey(export.Header.PublicKey, out var publicKey))
            {
                return Output.Error($"The export names public key '{export.Header.PublicKey}', which is not 64 hex digits.");
            }

            var report = Output.WithProgress("Verifying the export", export.CountBlocks(), progress =>
                RegisterVerifier.Verify(export, publicKey, new Progress<VerificationProgress>(p => progress.Report(p.BlocksVerified)), cancellationToken));
            if (!report.Succeeded)
            {
                return Output.Error($"The export failed verification at block {report.FirstBadHeight}: {report.Failure}. Nothing was imported.", ExitCodes.Failed);
            }

            Directory.CreateDirectory(data.FullName);
            using var store = SqliteJournalStore.Open(journalPath);
            store.SetMetadata("node_public_key", export.Header.PublicKey);
            Output.WithProgress("Writing blocks", export.CountBlocks(), progress =>
            {
                foreach (var block in export.ReadBlocks())
                {
                    store.Append(block);
                    progress.Report(block.Header.Height);
                }

                return 0;
            });
            Output.Info($"Imported {report.BlocksVerified} blocks and {report.EventsVerified} events into {journalPath}.");
            return ExitCodes.Success;
        }
    }
}

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
        CliOptions.RejectFolder(file, "The export");
        var data = CliOptions.Data();
        var store = CliOptions.Store();
        var command = new Command("journal",
            "Restore a journal export into an empty data folder. Every block is verified first; to append new blocks, also restore the node.key it was signed with.")
        {
            file, data, store,
        };
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(RunJournal(parse.GetValue(file)!, parse.GetValue(data)!, CliOptions.Journal(parse.GetValue(data)!, parse.GetValue(store)), cancellationToken)));
        return command;
    }

    private static int RunJournal(FileInfo file, DirectoryInfo data, JournalLocation journal, CancellationToken cancellationToken)
    {
        if (journal.IsPostgres ? journal.Exists() : File.Exists(journal.SqlitePath))
        {
            return Output.Error(journal.IsPostgres
                ? $"{journal.Description} already holds a journal; restore into an empty database or schema."
                : $"{journal.SqlitePath} already exists; restore into an empty data folder.");
        }

        ExportedJournal export;
        try
        {
            export = ExportedJournal.Open(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Output.Error(exception.Message);
        }

        using (export)
        {
            if (!VerifyCommand.TryParseKey(export.Header.PublicKey, out var publicKey))
            {
                return Output.Error($"The export names public key '{export.Header.PublicKey}', which is not 64 hex digits.");
            }

            if (FindKeyMismatch(data, export.Header.PublicKey) is { } mismatch)
            {
                return Output.Error(mismatch);
            }

            var report = Output.WithProgress("Verifying the export", export.CountBlocks(), progress =>
                RegisterVerifier.Verify(export, publicKey, new Progress<VerificationProgress>(p => progress.Report(p.BlocksVerified)), cancellationToken));
            if (!report.Succeeded)
            {
                return Output.Error($"The export failed verification at block {report.FirstBadHeight}: {report.Failure?.TrimEnd('.')}. Nothing was imported.",
                    ExitCodes.Failed);
            }

            Directory.CreateDirectory(data.FullName);
            using var store = journal.Open();
            store.SetMetadata(ReadOnlyJournal.PublicKeyMetadata, export.Header.PublicKey);
            Output.WithProgress("Writing blocks", export.CountBlocks(), progress =>
            {
                foreach (var block in export.ReadBlocks())
                {
                    store.Append(block);
                    progress.Report(block.Header.Height);
                }

                return 0;
            });
            Output.Info($"Imported {Output.Count(report.BlocksVerified, "block")} and {Output.Count(report.EventsVerified, "event")} into {journal.Description}.");
            WritePublicKey(data, export.Header.PublicKey);
            if (!File.Exists(Path.Combine(data.FullName, NodeKey.PrivateKeyFileName)))
            {
                Output.Info($"The export holds no private key: copy the {NodeKey.PrivateKeyFileName} that signed these blocks (key id {NodeKey.ComputeKeyId(publicKey)}) " +
                    $"into {data.FullName} before the folder can accept new blocks. Until then it can be verified, exported and read.");
            }

            Output.Info("API keys are not part of an export; create new ones with 'registra keys create'.");
            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// Explains why a node.key or node.pub already in the folder disagrees with the export's key, or
    /// returns null when there is none or it matches.
    /// </summary>
    private static string? FindKeyMismatch(DirectoryInfo data, string exportKey)
    {
        var publicKeyPath = Path.Combine(data.FullName, NodeKey.PublicKeyFileName);
        if (File.Exists(publicKeyPath) && File.ReadAllText(publicKeyPath).Trim() is var recorded && recorded != exportKey)
        {
            return $"{publicKeyPath} holds public key {recorded}, but the export was signed by {exportKey}. Restore into a folder without node.pub and node.key.";
        }

        if (!File.Exists(Path.Combine(data.FullName, NodeKey.PrivateKeyFileName)))
        {
            return null;
        }

        // The key file exists, so LoadOrCreate only loads it.
        using var key = NodeKey.LoadOrCreate(data.FullName);
        var folderKey = Convert.ToHexStringLower(key.PublicKey);
        return folderKey == exportKey
            ? null
            : $"{data.FullName} holds a {NodeKey.PrivateKeyFileName} with public key {folderKey}, but the export was signed by {exportKey}. " +
              "Restore into a folder without node.key, or with the node.key that signed the export.";
    }

    // node.pub lets 'verify --data' use the signing key without trusting the key recorded inside journal.db.
    private static void WritePublicKey(DirectoryInfo data, string publicKeyHex)
    {
        var path = Path.Combine(data.FullName, NodeKey.PublicKeyFileName);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, publicKeyHex + "\n");
        }
    }
}

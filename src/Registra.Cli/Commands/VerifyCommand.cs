using System.CommandLine;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Ledger.Export;

namespace Registra.Cli.Commands;

/// <summary><c>registra verify</c>: recomputes every hash, Merkle root and signature and replays the journal.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Data folder whose journal.db to verify." };
        var export = new Option<FileInfo?>("--export") { Description = "A JSON lines export to verify instead of a data folder." };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "The node's Ed25519 public key as 64 hex digits. Defaults to node.pub in the data folder, or the key named in the export.",
        };
        var command = new Command("verify", "Verify a journal: hashes, Merkle roots, signatures, the chain, a full replay and the register's invariants.")
        {
            data, export, publicKey,
        };
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Run(parse.GetValue(data), parse.GetValue(export), parse.GetValue(publicKey), cancellationToken)));
        return command;
    }

    private static int Run(DirectoryInfo? data, FileInfo? export, string? publicKeyHex, CancellationToken cancellationToken)
    {
        if ((data is null) == (export is null))
        {
            return Output.Error("Give exactly one of --data DIR or --export FILE.");
        }

        IJournalStore store;
        string? defaultKey;
        try
        {
            (store, defaultKey) = export is not null ? OpenExport(export) : OpenData(data!);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Output.Error(exception.Message);
        }

        using (store)
        {
            var keyHex = publicKeyHex ?? defaultKey;
            if (keyHex is null || !TryParseKey(keyHex, out var publicKey))
            {
                return Output.Error($"The public key '{keyHex ?? "(none)"}' is not 64 hex digits; pass --public-key with the node's key from node.pub.");
            }

            if (publicKeyHex is null && export is not null)
            {
                Console.Error.WriteLine("warning: verifying with the public key named inside the export; pass --public-key with a key you trust.");
            }

            var total = store.CountBlocks();
            var report = Output.WithProgress("Verifying blocks", total, progress =>
                RegisterVerifier.Verify(store, publicKey, new Progress<VerificationProgress>(p => progress.Report(p.BlocksVerified)), cancellationToken));
            var rate = report.Elapsed.TotalSeconds > 0 ? report.EventsVerified / report.Elapsed.TotalSeconds : 0;
            if (!report.Succeeded)
            {
                Output.Info($"FAILED at block {report.FirstBadHeight}: {report.Failure}");
                Output.Info($"{report.BlocksVerified} blocks and {report.EventsVerified} events verified before it.");
                return ExitCodes.Failed;
            }

            Output.Info($"OK: {report.BlocksVerified} blocks and {report.EventsVerified} events verified in {report.Elapsed.TotalSeconds:F2} s ({rate:F0} events/s); invariants hold.");
            return ExitCodes.Success;
        }
    }

    private static (IJournalStore Store, string? Key) OpenExport(FileInfo export)
    {
        var journal = ExportedJournal.Open(export.FullName);
        return (journal, journal.Header.PublicKey);
    }

    private static (IJournalStore Store, string? Key) OpenData(DirectoryInfo data)
    {
        var journalPath = Path.Combine(data.FullName, LedgerEngine.JournalFileName);
        if (!File.Exists(journalPath))
        {
            throw new IOException($"No journal at {journalPath}; check the --data folder.");
        }

        var publicKeyPath = Path.Combine(data.FullName, NodeKey.PublicKeyFileName);
        var key = File.Exists(publicKeyPath) ? File.ReadAllText(publicKeyPath).Trim() : null;
        var store = SqliteJournalStore.OpenReadOnly(journalPath);
        return (store, key ?? store.GetMetadata("node_public_key"));
    }

    internal static bool TryParseKey(string hex, out byte[] key)
    {
        key = [];
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            return false;
        }

        key = Convert.FromHexString(hex);
        return true;
    }
}

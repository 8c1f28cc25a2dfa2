using System.CommandLine;
using Registra.Ledger;
using Registra.Ledger.Export;

namespace Registra.Cli.Commands;

/// <summary><c>registra verify</c>: recomputes every hash, Merkle root and signature and replays the journal.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Data folder whose journal.db to verify; with --store, the folder whose node.pub holds the public key." };
        var store = CliOptions.Store();
        var export = new Option<FileInfo?>("--export") { Description = "A JSON lines export to verify instead of a data folder." };
        CliOptions.RejectFolder(export, "--export");
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "The node's Ed25519 public key as 64 hex digits. Defaults to node.pub in the data folder, or the key named in the export.",
        };
        var command = new Command("verify", "Verify a journal: hashes, Merkle roots, signatures, the chain, a full replay and the register's invariants.")
        {
            data, store, export, publicKey,
        };
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Run(parse.GetValue(data), parse.GetValue(store), parse.GetValue(export), parse.GetValue(publicKey), cancellationToken)));
        return command;
    }

    private static int Run(DirectoryInfo? data, string? storeOption, FileInfo? export, string? publicKeyHex, CancellationToken cancellationToken)
    {
        if ((data is null && storeOption is null) == (export is null))
        {
            return Output.Error("Give exactly one of --data DIR (with --store for a PostgreSQL journal), --store alone, or --export FILE.");
        }

        IJournalStore store;
        string? defaultKey;
        bool keyFromJournal;
        try
        {
            (store, defaultKey, keyFromJournal) = export is not null ? OpenExport(export)
                : data is null ? OpenDatabase(JournalLocation.Postgres(storeOption!))
                : OpenData(data, CliOptions.Journal(data, storeOption));
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Output.Error(exception.Message);
        }

        using (store)
        {
            var total = store.CountBlocks();
            if (total == 0)
            {
                Output.Info($"FAILED: the {(export is not null ? "export" : "journal")} has no blocks, so there is nothing to verify.");
                return ExitCodes.Failed;
            }

            var keyHex = publicKeyHex ?? defaultKey;
            if (keyHex is null)
            {
                return Output.Error("The data folder has no node.pub and the journal records no public key; pass --public-key with the node's key.");
            }

            if (!TryParseKey(keyHex, out var publicKey))
            {
                return Output.Error($"The public key '{keyHex ?? "(none)"}' is not 64 hex digits; pass --public-key with the node's key from node.pub.");
            }

            if (publicKeyHex is null && keyFromJournal)
            {
                Output.Warning($"verifying with the public key named inside the {(export is not null ? "export" : "journal, because the data folder has no node.pub")}; " +
                    "pass --public-key with a key you trust.");
            }

            var report = Output.WithProgress("Verifying blocks", total, progress =>
                RegisterVerifier.Verify(store, publicKey, new Progress<VerificationProgress>(p => progress.Report(p.BlocksVerified)), cancellationToken));
            var rate = report.Elapsed.TotalSeconds > 0 ? report.EventsVerified / report.Elapsed.TotalSeconds : 0;
            if (!report.Succeeded)
            {
                Output.Info($"FAILED at block {report.FirstBadHeight}: {report.Failure}");
                Output.Info($"{Output.Count(report.BlocksVerified, "block")} and {Output.Count(report.EventsVerified, "event")} verified before it.");
                return ExitCodes.Failed;
            }

            Output.Info($"OK: {Output.Count(report.BlocksVerified, "block")} and {Output.Count(report.EventsVerified, "event")} verified in {report.Elapsed.TotalSeconds:F2} s ({rate:F0} events/s); invariants hold.");
            return ExitCodes.Success;
        }
    }

    private static (IJournalStore Store, string? Key, bool KeyFromJournal) OpenExport(FileInfo export)
    {
        var journal = ExportedJournal.Open(export.FullName);
        return (journal, journal.Header.PublicKey, true);
    }

    // Without a data folder there is no node.pub, so the key comes from --public-key or the journal itself.
    private static (IJournalStore Store, string? Key, bool KeyFromJournal) OpenDatabase(JournalLocation journal)
    {
        var store = journal.OpenReadOnly();
        return (store, store.GetMetadata(ReadOnlyJournal.PublicKeyMetadata), true);
    }

    private static (IJournalStore Store, string? Key, bool KeyFromJournal) OpenData(DirectoryInfo data, JournalLocation journal)
    {
        if (File.Exists(data.FullName))
        {
            throw new IOException($"--data {data.FullName} is a file; give a data folder, or verify an export with --export FILE.");
        }

        if (!data.Exists)
        {
            throw new DirectoryNotFoundException($"--data folder {data.FullName} does not exist; check the path.");
        }

        var store = ReadOnlyJournal.Open(data, journal);
        var (key, fromJournal) = ReadOnlyJournal.ReadPublicKey(data, store);
        return (store, key, fromJournal);
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

using Registra.Ledger;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary>Checks that guard the commands which write to a data folder.</summary>
internal static class DataFolder
{
    /// <summary>
    /// Opens the engine, which creates the folder and node key when the folder is new, but never
    /// creates a key beside a journal that an existing key signed.
    /// </summary>
    /// <exception cref="InvalidDataException">The journal was signed by a key that is missing or differs from node.key.</exception>
    public static LedgerEngine OpenEngine(DirectoryInfo data, JournalLocation journal)
    {
        RejectMissingNodeKey(data, journal);
        try
        {
            return LedgerEngine.Open(data.FullName, journal: journal);
        }
        catch (InvalidOperationException exception)
        {
            // LedgerEngine.Open raises InvalidOperationException when node.key did not sign the journal.
            throw new InvalidDataException(exception.Message, exception);
        }
    }

    /// <summary>Rejects a folder whose journal names a signing key while node.key is missing, as after 'import journal'.</summary>
    /// <exception cref="InvalidDataException">The folder has a journal signed by a key, but no node.key.</exception>
    public static void RejectMissingNodeKey(DirectoryInfo data, JournalLocation journal)
    {
        if (File.Exists(Path.Combine(data.FullName, NodeKey.PrivateKeyFileName)) || !journal.Exists())
        {
            return;
        }

        // A journal that holds only API keys has no signing key yet, so a new node key is safe there.
        using var store = journal.OpenReadOnly();
        var recordedKey = store.GetMetadata(ReadOnlyJournal.PublicKeyMetadata);
        if (recordedKey is null && store.ReadHead() is null)
        {
            return;
        }

        var keyId = recordedKey is not null && VerifyCommand.TryParseKey(recordedKey, out var publicKey) ? $" (key id {NodeKey.ComputeKeyId(publicKey)})" : string.Empty;
        throw new InvalidDataException(
            $"{data.FullName} has no {NodeKey.PrivateKeyFileName}, but the journal in {journal.Description} was signed with one. Copy the {NodeKey.PrivateKeyFileName} that signed the journal{keyId} " +
            "into the folder; a new key could not extend the journal. Reading commands (verify, holders, export, proof create) work without it.");
    }
}

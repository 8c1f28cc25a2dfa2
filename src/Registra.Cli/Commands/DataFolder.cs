using Registra.Api.Hosting;
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
    public static void RejectMissingNodeKey(DirectoryInfo data, JournalLocation journal) =>
        NodeKeyGuard.RejectMissingNodeKey(data.FullName, journal);
}

using Registra.Ledger;

namespace Registra.Api.Hosting;

/// <summary>Keeps a writing command or server from creating a node key beside a journal that another key signed.</summary>
public static class NodeKeyGuard
{
    /// <summary>The journal metadata entry with the hex public key that signed the journal.</summary>
    public const string PublicKeyMetadata = "node_public_key";

    /// <summary>Rejects a folder whose journal names a signing key while node.key is missing, as after 'import journal'.</summary>
    /// <exception cref="InvalidDataException">The folder has a journal signed by a key, but no node.key.</exception>
    public static void RejectMissingNodeKey(string dataDirectory, JournalLocation journal)
    {
        if (File.Exists(Path.Combine(dataDirectory, NodeKey.PrivateKeyFileName)) || !journal.Exists())
        {
            return;
        }

        // A journal that holds only API keys has no signing key yet, so a new node key is safe there.
        using var store = journal.OpenReadOnly();
        var recordedKey = store.GetMetadata(PublicKeyMetadata);
        if (recordedKey is null && store.ReadHead() is null)
        {
            return;
        }

        var keyId = recordedKey is not null && TryParseKey(recordedKey, out var publicKey) ? $" (key id {NodeKey.ComputeKeyId(publicKey)})" : string.Empty;
        throw new InvalidDataException(
            $"{dataDirectory} has no {NodeKey.PrivateKeyFileName}, but the journal in {journal.Description} was signed with one. Copy the {NodeKey.PrivateKeyFileName} that signed the journal{keyId} " +
            "into the folder; a new key could not extend the journal. Reading commands (verify, holders, export, proof create) work without it.");
    }

    private static bool TryParseKey(string hex, out byte[] key)
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

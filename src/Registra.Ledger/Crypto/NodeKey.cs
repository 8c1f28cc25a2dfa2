using System.Security.Cryptography;
using NSec.Cryptography;

namespace Registra.Ledger;

/// <summary>
/// Ed25519 key pair that signs block headers, stored as a 32-byte raw private key in
/// <c>node.key</c> inside the data folder.
/// </summary>
public sealed class NodeKey : IDisposable
{
    /// <summary>File name of the private key inside the data folder.</summary>
    public const string PrivateKeyFileName = "node.key";

    /// <summary>File name of the public key (lowercase hex and a newline) inside the data folder.</summary>
    public const string PublicKeyFileName = "node.pub";

    /// <summary>Length of a raw Ed25519 public or private key in bytes.</summary>
    public const int KeySize = 32;

    /// <summary>Length of an Ed25519 signature in bytes.</summary>
    public const int SignatureSize = 64;

    private const UnixFileMode GroupOrOtherAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly Key key;

    private NodeKey(Key key)
    {
        this.key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = ComputeKeyId(PublicKey);
    }

    /// <summary>Raw 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>Key id: the first 16 lowercase hex characters of SHA-256 of the raw public key.</summary>
    public string KeyId { get; }

    /// <summary>
    /// Loads <c>node.key</c> from <paramref name="dataDirectory"/>, or creates the folder, a new key
    /// (mode 0600) and <c>node.pub</c> when the key file does not exist.
    /// </summary>
    /// <exception cref="NodeKeyException">
    /// The key file is readable by group or others, is not exactly 32 bytes long, or cannot be read or written.
    /// </exception>
    public static NodeKey LoadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        string keyPath = System.IO.Path.Combine(dataDirectory, PrivateKeyFileName);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            return File.Exists(keyPath) ? Load(keyPath) : Create(dataDirectory, keyPath);
        }
        catch (IOException ex)
        {
            throw new NodeKeyException($"Failed to load or create the node key '{keyPath}': {ex.Message}", ex) { KeyPath = keyPath };
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new NodeKeyException($"Access denied to the node key '{keyPath}': {ex.Message}", ex) { KeyPath = keyPath };
        }
    }

    /// <summary>Computes the key id of a raw public key.</summary>
    public static string ComputeKeyId(byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(publicKey, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>
    /// Checks an Ed25519 signature. Returns false for a wrong signature and for a public key or
    /// signature of the wrong length.
    /// </summary>
    public static bool Verify(byte[] publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey is not { Length: KeySize } || signature.Length != SignatureSize)
        {
            return false;
        }

        if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out PublicKey? imported)
            || imported is null)
        {
            return false;
        }

        return Algorithm.Verify(imported, data, signature);
    }

    /// <summary>Signs <paramref name="data"/> and returns the 64-byte signature.</summary>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm.Sign(key, data);

    public void Dispose() => key.Dispose();

    private static NodeKey Load(string keyPath)
    {
        RejectInsecureMode(keyPath);

        byte[] seed = File.ReadAllBytes(keyPath);
        try
        {
            if (seed.Length != KeySize)
            {
                throw new NodeKeyException(
                    $"Node key '{keyPath}' is {seed.Length} bytes long, expected {KeySize}. " +
                    "Restore the file from a backup. Deleting it creates a new key that cannot verify existing blocks.")
                { KeyPath = keyPath };
            }

            return new NodeKey(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static NodeKey Create(string dataDirectory, string keyPath)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        var key = Key.Create(Algorithm, parameters);
        try
        {
            byte[] seed = key.Export(KeyBlobFormat.RawPrivateKey);
            try
            {
                WriteNewFile(keyPath, seed, OwnerOnlyFile.Mode);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }

            var nodeKey = new NodeKey(key);
            string publicKeyText = Convert.ToHexStringLower(nodeKey.PublicKey) + "\n";
            File.WriteAllText(System.IO.Path.Combine(dataDirectory, PublicKeyFileName), publicKeyText);
            return nodeKey;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    // Writes to a temporary file created with the final mode, then renames it, so the key is never
    // readable by others and a crash never leaves a truncated node.key behind.
    private static void WriteNewFile(string path, byte[] contents, UnixFileMode mode)
    {
        string temporaryPath = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        File.Delete(temporaryPath);
        using (var stream = new FileStream(temporaryPath, options))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask may have cleared bits of UnixCreateMode, so the mode is set again explicitly.
            File.SetUnixFileMode(temporaryPath, mode);
        }

        File.Move(temporaryPath, path, overwrite: false);
    }

    private static void RejectInsecureMode(string keyPath)
    {
        // NOTE: Windows has no Unix file modes, so there the key file relies on the folder's ACL.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode = File.GetUnixFileMode(keyPath);
        if ((mode & GroupOrOtherAccess) != 0)
        {
            throw new NodeKeyException(
                $"Node key '{keyPath}' has mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}, " +
                $"but it must be accessible only by its owner. Run: chmod 600 '{keyPath}'")
            { KeyPath = keyPath };
        }
    }
}

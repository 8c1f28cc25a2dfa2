using System.Runtime.Versioning;
using System.Security.Cryptography;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

// File modes are a Unix concept, so these tests do not apply on Windows.
[UnsupportedOSPlatform("windows")]
public sealed class NodeKeyTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void LoadOrCreate_CreatesOwnerOnlyKey()
    {
        string dataDirectory = folder.Combine("data");

        using NodeKey key = NodeKey.LoadOrCreate(dataDirectory);

        string keyPath = Path.Combine(dataDirectory, "node.key");
        Assert.Equal(32, new FileInfo(keyPath).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        Assert.Equal(32, key.PublicKey.Length);
        Assert.False(File.Exists(keyPath + ".tmp"));
    }

    [Fact]
    public void LoadOrCreate_WritesPublicKeyFile()
    {
        using NodeKey key = NodeKey.LoadOrCreate(folder.Path);

        string publicKeyText = File.ReadAllText(folder.Combine("node.pub"));

        Assert.Equal(Convert.ToHexStringLower(key.PublicKey) + "\n", publicKeyText);
    }

    [Fact]
    public void LoadOrCreate_ReloadKeepsSameKey()
    {
        byte[] firstPublicKey;
        using (NodeKey first = NodeKey.LoadOrCreate(folder.Path))
        {
            firstPublicKey = first.PublicKey;
        }

        using NodeKey second = NodeKey.LoadOrCreate(folder.Path);

        Assert.Equal(firstPublicKey, second.PublicKey);
    }

    [Fact]
    public void KeyId_IsPublicKeyHashPrefix()
    {
        using NodeKey key = NodeKey.LoadOrCreate(folder.Path);

        string expected = Convert.ToHexStringLower(SHA256.HashData(key.PublicKey))[..16];

        Assert.Equal(expected, key.KeyId);
        Assert.Equal(expected, NodeKey.ComputeKeyId(key.PublicKey));
    }

    [Fact]
    public void SignVerify_RoundTrip()
    {
        using NodeKey key = NodeKey.LoadOrCreate(folder.Path);
        byte[] data = [1, 2, 3, 4];

        byte[] signature = key.Sign(data);

        Assert.Equal(64, signature.Length);
        Assert.True(NodeKey.Verify(key.PublicKey, data, signature));
        Assert.False(NodeKey.Verify(key.PublicKey, [1, 2, 3, 5], signature));
        Assert.False(NodeKey.Verify(key.PublicKey, data, LedgerTestData.FlipBit(signature, 10)));
    }

    [Fact]
    public void Verify_MalformedKeyOrSignatureReturnsFalse()
    {
        using NodeKey key = NodeKey.LoadOrCreate(folder.Path);
        byte[] data = [1, 2, 3];
        byte[] signature = key.Sign(data);

        Assert.False(NodeKey.Verify(key.PublicKey[..31], data, signature));
        Assert.False(NodeKey.Verify(key.PublicKey, data, signature[..63]));
        Assert.False(NodeKey.Verify([], data, signature));
    }

    [Fact]
    public void Load_GroupReadableKeyRejected()
    {
        using (NodeKey.LoadOrCreate(folder.Path))
        {
        }

        string keyPath = folder.Combine("node.key");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        NodeKeyException error = Assert.Throws<NodeKeyException>(() => NodeKey.LoadOrCreate(folder.Path));

        Assert.Contains("0640", error.Message);
        Assert.Contains("chmod 600", error.Message);
        Assert.Equal(keyPath, error.KeyPath);
    }

    [Fact]
    public void Load_TruncatedKeyRejected()
    {
        using (NodeKey.LoadOrCreate(folder.Path))
        {
        }

        string keyPath = folder.Combine("node.key");
        byte[] bytes = File.ReadAllBytes(keyPath);
        File.WriteAllBytes(keyPath, bytes[..31]);

        NodeKeyException error = Assert.Throws<NodeKeyException>(() => NodeKey.LoadOrCreate(folder.Path));

        Assert.Contains("31 bytes", error.Message);
    }

    [Fact]
    public void Load_EmptyKeyFileRejected()
    {
        string keyPath = folder.Combine("node.key");
        File.WriteAllBytes(keyPath, []);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Throws<NodeKeyException>(() => NodeKey.LoadOrCreate(folder.Path));
    }

    [Fact]
    public void LoadOrCreate_DataPathIsFileRejected()
    {
        string filePath = folder.Combine("not-a-folder");
        File.WriteAllText(filePath, "x");

        Assert.Throws<NodeKeyException>(() => NodeKey.LoadOrCreate(filePath));
    }

    [Fact]
    public void Sign_AfterDisposeThrows()
    {
        NodeKey key = NodeKey.LoadOrCreate(folder.Path);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Sign([1]));
    }
}

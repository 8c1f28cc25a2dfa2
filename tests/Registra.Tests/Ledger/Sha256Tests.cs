using System.Security.Cryptography;
using Registra.Ledger;

namespace Registra.Tests.Ledger;

public sealed class Sha256Tests
{
    [Fact]
    public void DirectOpenSsl_IsUsedOnLinux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), Sha256.UsesDirectOpenSsl);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(54)]
    [InlineData(55)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(119)]
    [InlineData(4097)]
    public void HashPrefixed_MatchesDotNetSha256_AtBlockBoundaries(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        int split = length / 3;
        byte[] destination = new byte[40];

        Sha256.HashPrefixed(0x5a, data.AsSpan(0, split), data.AsSpan(split), destination);

        Assert.Equal(SHA256.HashData([0x5a, .. data]), destination[..32]);
        Assert.All(destination[32..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void HashPrefixed_DestinationMayOverlapInput()
    {
        byte[] buffer = new byte[64];
        new Random(3).NextBytes(buffer);
        byte[] expected = SHA256.HashData([0x01, .. buffer]);

        Sha256.HashPrefixed(0x01, buffer.AsSpan(0, 32), buffer.AsSpan(32), buffer);

        Assert.Equal(expected, buffer[..32]);
    }

    [Fact]
    public void HashPrefixed_ShortDestinationIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.HashPrefixed(0, [1, 2], new byte[31]));
    }
}

using Registra.Ledger.Nodes;

namespace Registra.Tests.Ledger;

public sealed class FileWriterLeaseTests
{
    [Fact]
    public void SecondLease_IsRejectedUntilFirstReleases()
    {
        using var folder = new TempFolder();
        var path = folder.Combine(FileWriterLease.FileName);
        using var first = new FileWriterLease(path);
        using var second = new FileWriterLease(path);

        var firstTaken = first.TryAcquire();
        var secondWhileHeld = second.TryAcquire();
        first.Dispose();
        var secondAfterRelease = second.TryAcquire();

        Assert.True(firstTaken);
        Assert.False(secondWhileHeld);
        Assert.True(secondAfterRelease);
        Assert.True(second.IsHeld);
        Assert.False(first.IsHeld);
    }
}

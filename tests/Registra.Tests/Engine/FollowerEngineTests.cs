using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;
using Registra.Tests.Ledger;
using Registra.Tests.Support;

namespace Registra.Tests.Engine;

/// <summary>Two engines on one journal: a writer and a follower that applies its blocks and can take over.</summary>
public sealed class FollowerEngineTests
{
    private static readonly EngineOptions FollowerOptions = new() { Role = NodeRole.Follower, FollowInterval = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task Follower_AppliesWriterBlocks_SameDigest()
    {
        using var fixture = await EngineFixture.CreateAsync();
        using var follower = LedgerEngine.Open(fixture.Folder.Path, options: FollowerOptions);

        for (var i = 0; i < 40; i++)
        {
            Assert.True((await fixture.Engine.SubmitAsync(fixture.Scenario.NextTransfer(fixture.SecurityId))).Accepted);
        }

        await CatchUpAsync(follower, fixture.Engine.DurableHeight);
        var writerDigest = await fixture.Engine.ReadAsync(register => Convert.ToHexString(StateDigest.Compute(register.State)));
        var followerDigest = await follower.ReadAsync(register => Convert.ToHexString(StateDigest.Compute(register.State)));

        Assert.Equal(NodeRole.Follower, follower.Role);
        Assert.Equal(writerDigest, followerDigest);
        Assert.Equal((0, fixture.Engine.DurableHeight), (follower.FollowerLag.Blocks, follower.DurableHeight));
        Assert.Null(follower.FollowError);
    }

    [Fact]
    public async Task Follower_RejectsCommands_NotWriter()
    {
        using var fixture = await EngineFixture.CreateAsync();
        using var follower = LedgerEngine.Open(fixture.Folder.Path, options: FollowerOptions);
        var heightBefore = fixture.Engine.Store.ReadHead()!.Height;

        var single = await follower.SubmitAsync(fixture.Transfer(0, 1, 1));
        var many = await follower.SubmitManyAsync([fixture.Transfer(0, 1, 1), fixture.Transfer(1, 0, 1)]);

        Assert.False(single.Accepted);
        Assert.Equal("not_writer", Assert.Single(single.Result.Failures).Code.Name);
        Assert.Equal(2, many.Length);
        Assert.All(many, outcome => Assert.Equal("not_writer", Assert.Single(outcome.Result.Failures).Code.Name));
        Assert.Equal(heightBefore, fixture.Engine.Store.ReadHead()!.Height);
    }

    [Fact]
    public async Task Promote_AfterWriterStops_ContinuesChain()
    {
        using var fixture = await EngineFixture.CreateAsync();
        using var follower = LedgerEngine.Open(fixture.Folder.Path, options: FollowerOptions);
        for (var i = 0; i < 10; i++)
        {
            await fixture.Engine.SubmitAsync(fixture.Scenario.NextTransfer(fixture.SecurityId));
        }

        var lastWriterHeight = fixture.Engine.DurableHeight;
        var writerDigest = await fixture.Engine.ReadAsync(register => Convert.ToHexString(StateDigest.Compute(register.State)));
        fixture.Engine.Dispose();

        await follower.PromoteAsync();
        var promotedDigest = await follower.ReadAsync(register => Convert.ToHexString(StateDigest.Compute(register.State)));
        var outcome = await follower.SubmitAsync(fixture.Transfer(0, 1, 1));
        var report = JournalVerifier.Verify(follower.Store, follower.PublicKey, progress: null, onEvent: null, CancellationToken.None);

        Assert.Equal(NodeRole.Writer, follower.Role);
        Assert.Equal(writerDigest, promotedDigest);
        Assert.True(outcome.Accepted);
        Assert.Equal(lastWriterHeight + 1, outcome.BlockHeight);
        Assert.True(report.Succeeded, report.Failure);
    }

    [Fact]
    public async Task StaleWriter_CannotAppendAfterPromotion()
    {
        using var fixture = await EngineFixture.CreateAsync();
        using var follower = LedgerEngine.Open(fixture.Folder.Path, options: FollowerOptions);
        await follower.PromoteAsync();
        var promoted = await follower.SubmitAsync(fixture.Transfer(0, 1, 1));

        // The old writer still believes it writes: its next block has a height the new writer already took.
        var stale = await Assert.ThrowsAsync<EngineFaultedException>(() => fixture.Engine.SubmitAsync(fixture.Transfer(1, 0, 1)));
        var head = follower.Store.ReadHead()!;

        Assert.True(promoted.Accepted);
        Assert.IsType<JournalConflictException>(stale.InnerException);
        Assert.True(fixture.Engine.IsFaulted);
        Assert.Equal(promoted.BlockHeight, head.Height);
    }

    [Fact]
    public async Task Follower_TamperedEvents_StopsAtMerkleRoot()
    {
        using var fixture = await EngineFixture.CreateAsync();
        using var follower = LedgerEngine.Open(fixture.Folder.Path, options: FollowerOptions with { FollowInterval = TimeSpan.FromHours(1) });
        var appliedHeight = follower.DurableHeight;
        Assert.True((await fixture.Engine.SubmitAsync(fixture.Transfer(0, 1, 1))).Accepted);
        var tamperedHeight = fixture.Engine.DurableHeight;

        // The last byte is inside the last event, so the header hash and the signature stay valid.
        LedgerTestData.TamperBlob(Path.Combine(fixture.Folder.Path, LedgerEngine.JournalFileName), tamperedHeight, "events",
            events => LedgerTestData.FlipBit(events, events.Length - 1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (follower.FollowError is null && DateTime.UtcNow < deadline)
        {
            follower.NotifyAppended();
            await Task.Delay(10);
        }

        Assert.Contains($"Block {tamperedHeight}: Merkle root mismatch", follower.FollowError?.Message);
        Assert.Equal(appliedHeight, follower.DurableHeight);
    }

    private static async Task CatchUpAsync(LedgerEngine follower, long height)
    {
        // Bounded wait: the follower polls every 20 ms, so 10 s means it is stuck, not slow.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (follower.DurableHeight < height && DateTime.UtcNow < deadline)
        {
            follower.NotifyAppended();
            await Task.Delay(10);
        }

        Assert.Equal(height, follower.DurableHeight);
    }
}

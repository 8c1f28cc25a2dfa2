using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;
using Registra.Tests.Support;

namespace Registra.Tests.Engine;

public sealed class LedgerEngineTests
{
    [Fact]
    public async Task Submit_AcceptedTransfer_IsInDurableBlock()
    {
        using var fixture = await EngineFixture.CreateAsync();

        var outcome = await fixture.Engine.SubmitAsync(fixture.Transfer(0, 1, 10));

        Assert.True(outcome.Accepted);
        Assert.True(outcome.BlockHeight >= 1);
        Assert.Equal(outcome.BlockHeight, fixture.Engine.Store.ReadHead()!.Height);
        var block = fixture.Engine.Store.ReadBlockContaining(outcome.FirstSequence)!;
        var stored = EventCodec.Decode(EventBlob.Decode(block.Events, block.Header.EventCount)[(int)(outcome.FirstSequence - block.Header.FirstSequence)].Span);
        var transferred = Assert.IsType<Transferred>(stored.Payload);
        Assert.Equal(10, transferred.Units);
    }

    [Fact]
    public async Task Submit_RejectedTransfer_WritesNoBlock()
    {
        using var fixture = await EngineFixture.CreateAsync();
        var heightBefore = fixture.Engine.Store.ReadHead()!.Height;

        var outcome = await fixture.Engine.SubmitAsync(fixture.Transfer(0, 1, DemoScenarioUnits() + 1));

        Assert.False(outcome.Accepted);
        Assert.Equal("insufficient_balance", Assert.Single(outcome.Result.Failures).Code.Name);
        Assert.Equal(0, outcome.BlockHeight);
        Assert.Equal(heightBefore, fixture.Engine.Store.ReadHead()!.Height);
    }

    [Fact]
    public async Task Reopen_ReplaysToSameState()
    {
        using var fixture = await EngineFixture.CreateAsync();
        for (var i = 0; i < 50; i++)
        {
            await fixture.Engine.SubmitAsync(fixture.Scenario.NextTransfer(fixture.SecurityId));
        }

        var before = await fixture.Engine.ReadAsync(register => StateDigest.Compute(register.State));
        fixture.Reopen();
        var after = await fixture.Engine.ReadAsync(register => StateDigest.Compute(register.State));

        Assert.Equal(Convert.ToHexString(before), Convert.ToHexString(after));
        Assert.True(fixture.Engine.Replay.Events > 0);
    }

    [Fact]
    public async Task ConcurrentSubmitters_AllAcknowledgedOnce()
    {
        using var fixture = await EngineFixture.CreateAsync(investors: 40);

        var tasks = Enumerable.Range(0, 40)
            .Select(i => fixture.Engine.SubmitAsync(fixture.Transfer(i, (i + 1) % 40, 1 + i)))
            .ToArray();
        var outcomes = await Task.WhenAll(tasks);

        Assert.All(outcomes, outcome => Assert.True(outcome.Accepted));
        Assert.Equal(outcomes.Length, outcomes.Select(o => o.FirstSequence).Distinct().Count());
        var report = RegisterVerifier.Verify(fixture.Engine.Store, fixture.Engine.PublicKey, null, CancellationToken.None);
        Assert.True(report.Succeeded, report.Failure);
    }

    [Fact]
    public async Task SubmitMany_JudgesEachCommandAlone()
    {
        using var fixture = await EngineFixture.CreateAsync();

        var outcomes = await fixture.Engine.SubmitManyAsync([fixture.Transfer(0, 1, 5), fixture.Transfer(2, 3, DemoScenarioUnits() * 2), fixture.Transfer(4, 5, 7)]);

        Assert.True(outcomes[0].Accepted);
        Assert.False(outcomes[1].Accepted);
        Assert.True(outcomes[2].Accepted);
    }

    [Fact]
    public async Task Open_JournalSignedByOtherKey_IsRejected()
    {
        using var fixture = await EngineFixture.CreateAsync();
        fixture.Engine.Dispose();
        File.Delete(fixture.Folder.Combine(NodeKey.PrivateKeyFileName));
        File.Delete(fixture.Folder.Combine(NodeKey.PublicKeyFileName));

        var error = Assert.Throws<InvalidOperationException>(() => LedgerEngine.Open(fixture.Folder.Path));

        Assert.Contains("signed by public key", error.Message);
    }

    private static long DemoScenarioUnits() => Registra.Demo.DemoScenario.UnitsPerInvestor;
}

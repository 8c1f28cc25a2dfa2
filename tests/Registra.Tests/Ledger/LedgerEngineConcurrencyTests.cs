using Registra.Commands;
using Registra.Demo;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;

namespace Registra.Tests.Ledger;

public sealed class LedgerEngineConcurrencyTests
{
    [Fact]
    public async Task ConcurrentSubmitters_ReplayMatchesAndVerifies()
    {
        using var folder = new TempFolder();
        var scenario = new DemoScenario(200, seed: 3);
        byte[] liveDigest;
        long accepted = 0;
        using (var engine = LedgerEngine.Open(folder.Path, options: new EngineOptions { MaxCommandsPerBlock = 500 }))
        {
            var setup = await engine.SubmitManyAsync(scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList());
            var securityId = setup[1].Result.CreatedId!;
            await engine.SubmitManyAsync(scenario.FundingCommands(securityId).ToList());

            // Chunks of many commands and single commands from several tasks at once, so blocks mix callers.
            var chunks = Enumerable.Range(0, 40)
                .Select(_ => Enumerable.Range(0, 97).Select(_ => (RegisterCommand)scenario.NextTransfer(securityId)).ToArray())
                .ToList();
            var singles = Enumerable.Range(0, 300).Select(_ => scenario.NextTransfer(securityId)).ToList();
            var chunkTasks = chunks.Select(chunk => Task.Run(() => engine.SubmitManyAsync(chunk))).ToList();
            var singleTasks = singles.Select(command => Task.Run(() => engine.SubmitAsync(command))).ToList();
            var chunkOutcomes = await Task.WhenAll(chunkTasks);
            var singleOutcomes = await Task.WhenAll(singleTasks);

            foreach (var outcome in chunkOutcomes.SelectMany(outcomes => outcomes).Concat(singleOutcomes))
            {
                Assert.True(outcome.Accepted);
                Assert.InRange(outcome.BlockHeight, 1, engine.DurableHeight);
                accepted++;
            }

            liveDigest = await engine.ReadAsync(register => StateDigest.Compute(register.State));
        }

        Assert.Equal(40 * 97 + 300, accepted);
        using (var reopened = LedgerEngine.Open(folder.Path))
        {
            var replayedDigest = await reopened.ReadAsync(register => StateDigest.Compute(register.State));
            Assert.Equal(liveDigest, replayedDigest);
            using var store = SqliteJournalStore.OpenReadOnly(folder.Combine(LedgerEngine.JournalFileName));
            var report = RegisterVerifier.Verify(store, reopened.PublicKey, null, CancellationToken.None);
            Assert.True(report.Succeeded, report.Failure);
        }
    }
}

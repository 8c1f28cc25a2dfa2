using Registra.Amounts;
using Registra.Cash;
using Registra.Commands;
using Registra.Demo;
using Registra.Market.Offerings;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;
using Registra.Tests.Support;

namespace Registra.Tests.Snapshots;

public sealed class EngineSnapshotTests
{
    private static readonly EngineOptions EveryFiveHundred = new() { SnapshotEveryEvents = 500 };

    [Fact]
    public async Task Reopen_WithSnapshot_ReplaysOnlyLaterBlocks()
    {
        using var fixture = await EngineFixture.CreateAsync(options: EveryFiveHundred);
        await RunTransfersAsync(fixture, batches: 25, perBatch: 100);
        var digestBefore = await DigestAsync(fixture.Engine);
        var stateBefore = await fixture.Engine.ReadAsync(register => StateSnapshot.Write(register.State));
        var journalEvents = fixture.Engine.Store.ReadHead()!.LastSequence;
        var first = fixture.Engine;

        // Snapshots are saved in the background, and closing the engine waits for the one in progress.
        fixture.Reopen(EveryFiveHundred);
        var savedHeight = first.SavedSnapshotHeight;

        Assert.True(savedHeight > 1, $"No snapshot was saved; the last error was {fixture.Engine.SnapshotError}.");
        Assert.Equal(savedHeight, fixture.Engine.SnapshotHeightLoaded);
        Assert.Null(fixture.Engine.SnapshotRejection);
        Assert.InRange(fixture.Engine.Replay.Events, 0, journalEvents - 500);
        Assert.Equal(digestBefore, await DigestAsync(fixture.Engine));
        Assert.Equal(stateBefore, await fixture.Engine.ReadAsync(register => StateSnapshot.Write(register.State)));
    }

    [Fact]
    public async Task Reopen_WithSnapshot_KeepsAcceptingCommands()
    {
        using var fixture = await EngineFixture.CreateAsync(options: EveryFiveHundred);
        await RunTransfersAsync(fixture, batches: 8, perBatch: 100);
        fixture.Reopen(EveryFiveHundred);

        await RunTransfersAsync(fixture, batches: 8, perBatch: 100);
        var digestBefore = await DigestAsync(fixture.Engine);
        fixture.Reopen(new EngineOptions { SnapshotEveryEvents = 0 });

        Assert.True(fixture.Engine.SnapshotHeightLoaded > 0);
        Assert.Equal(digestBefore, await DigestAsync(fixture.Engine));
        var report = RegisterVerifier.Verify(fixture.Engine.Store, fixture.Engine.PublicKey, null, CancellationToken.None);
        Assert.True(report.Succeeded, report.Failure);
    }

    [Fact]
    public async Task Reopen_CorruptSnapshot_ReplaysEverything()
    {
        using var fixture = await EngineFixture.CreateAsync(options: EveryFiveHundred);
        await RunTransfersAsync(fixture, batches: 12, perBatch: 100);
        var digestBefore = await DigestAsync(fixture.Engine);
        var journalEvents = fixture.Engine.Store.ReadHead()!.LastSequence;
        fixture.Engine.Dispose();

        using (var store = SqliteJournalStore.Open(fixture.Folder.Combine(LedgerEngine.JournalFileName)))
        {
            var (height, state) = store.ReadLatestSnapshot()!.Value;
            state[state.Length / 2] ^= 0x40;
            store.SaveSnapshot(height, state);
        }

        fixture.Reopen(EveryFiveHundred);

        Assert.Equal(0, fixture.Engine.SnapshotHeightLoaded);
        Assert.Contains("SHA-256", fixture.Engine.SnapshotRejection, StringComparison.Ordinal);
        Assert.Equal(journalEvents, fixture.Engine.Replay.Events);
        Assert.Equal(digestBefore, await DigestAsync(fixture.Engine));
    }

    [Fact]
    public async Task Reopen_SnapshotOfOtherState_ReplaysEverything()
    {
        using var fixture = await EngineFixture.CreateAsync();
        await RunTransfersAsync(fixture, batches: 3, perBatch: 50);
        var digestBefore = await DigestAsync(fixture.Engine);
        var journalEvents = fixture.Engine.Store.ReadHead()!.LastSequence;

        // A well-formed snapshot whose events do not line up with the journal's blocks.
        fixture.Engine.Store.SaveSnapshot(2, StateSnapshot.Write(new RegisterState()));
        fixture.Reopen();

        Assert.Equal(0, fixture.Engine.SnapshotHeightLoaded);
        Assert.Contains("height 2", fixture.Engine.SnapshotRejection, StringComparison.Ordinal);
        Assert.Equal(journalEvents, fixture.Engine.Replay.Events);
        Assert.Equal(digestBefore, await DigestAsync(fixture.Engine));
    }

    [Fact]
    public async Task Snapshot_SaveFails_EngineKeepsWriting()
    {
        using var fixture = await EngineFixture.CreateAsync(options: EveryFiveHundred);

        // A folder where the snapshot file belongs makes every save fail.
        Directory.CreateDirectory(fixture.Folder.Combine("journal.snapshots.db"));
        await RunTransfersAsync(fixture, batches: 12, perBatch: 100);
        var digestBefore = await DigestAsync(fixture.Engine);
        var first = fixture.Engine;
        fixture.Reopen(EveryFiveHundred);

        Assert.IsType<IOException>(first.SnapshotError);
        Assert.True(first.SnapshotsTaken > 0);
        Assert.Equal(0, first.SavedSnapshotHeight);
        Assert.Equal(0, fixture.Engine.SnapshotHeightLoaded);
        Assert.Equal(digestBefore, await DigestAsync(fixture.Engine));
        var report = RegisterVerifier.Verify(fixture.Engine.Store, fixture.Engine.PublicKey, null, CancellationToken.None);
        Assert.True(report.Succeeded, report.Failure);
    }

    [Fact]
    public async Task Snapshots_Disabled_SavesNone()
    {
        using var fixture = await EngineFixture.CreateAsync(options: new EngineOptions { SnapshotEveryEvents = 0 });
        await RunTransfersAsync(fixture, batches: 8, perBatch: 100);

        fixture.Reopen(EveryFiveHundred);

        Assert.Equal(0, fixture.Engine.SnapshotHeightLoaded);
        Assert.Null(fixture.Engine.SnapshotRejection);
        Assert.Null(fixture.Engine.Store.ReadLatestSnapshot());
    }

    [Fact]
    public async Task Reopen_WithOfferings_RebuildsSameState()
    {
        using var fixture = await EngineFixture.CreateAsync(options: EveryFiveHundred);
        await RunOfferingsAsync(fixture);
        await RunTransfersAsync(fixture, batches: 6, perBatch: 100);
        var digestBefore = await DigestAsync(fixture.Engine);
        var stateBefore = await fixture.Engine.ReadAsync(register => StateSnapshot.Write(register.State));

        fixture.Reopen(EveryFiveHundred);
        var snapshotHeight = fixture.Engine.SnapshotHeightLoaded;
        var fromSnapshot = await DigestAsync(fixture.Engine);

        // A corrupt snapshot makes the next start replay every event.
        fixture.Engine.Dispose();
        using (var store = SqliteJournalStore.Open(fixture.Folder.Combine(LedgerEngine.JournalFileName)))
        {
            var (height, state) = store.ReadLatestSnapshot()!.Value;
            state[state.Length / 2] ^= 0x40;
            store.SaveSnapshot(height, state);
        }

        fixture.Reopen(new EngineOptions { SnapshotEveryEvents = 0 });

        Assert.True(snapshotHeight > 1, $"No snapshot was loaded; the last error was {fixture.Engine.SnapshotError}.");
        Assert.Equal(digestBefore, fromSnapshot);
        Assert.Equal(0, fixture.Engine.SnapshotHeightLoaded);
        Assert.Equal(digestBefore, await DigestAsync(fixture.Engine));
        Assert.Equal(stateBefore, await fixture.Engine.ReadAsync(register => StateSnapshot.Write(register.State)));
        Assert.Equal(2, await fixture.Engine.ReadAsync(register => register.State.Market.Offerings.Count));
        var report = RegisterVerifier.Verify(fixture.Engine.Store, fixture.Engine.PublicKey, null, CancellationToken.None);
        Assert.True(report.Succeeded, report.Failure);
    }

    [Fact]
    public void Options_NegativeInterval_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions { SnapshotEveryEvents = -1 });
    }

    private static async Task RunTransfersAsync(EngineFixture fixture, int batches, int perBatch)
    {
        for (var i = 0; i < batches; i++)
        {
            var commands = Enumerable.Range(0, perBatch)
                .Select(_ => (RegisterCommand)fixture.Scenario.NextTransfer(fixture.SecurityId))
                .ToList();
            await fixture.Engine.SubmitManyAsync(commands);
        }
    }

    /// <summary>
    /// Opens two offerings of the demo security in USD with every investor subscribed, then closes
    /// the oversubscribed one and leaves the other open with its escrow.
    /// </summary>
    private static async Task RunOfferingsAsync(EngineFixture fixture)
    {
        var now = DateTimeOffset.UtcNow;
        var commands = new List<RegisterCommand> { new OpenCashAccount(CashOwnerKind.Issuer, DemoScenario.IssuerId, "USD") };
        foreach (var id in new[] { "ipo-closed", "ipo-open" })
        {
            commands.Add(new OpenOffering(fixture.SecurityId, id, "USD", "1.25", "100", now.AddMinutes(-1), now.AddDays(1), MinPerInvestor: "3"));
        }

        for (var i = 0; i < fixture.Scenario.Investors; i++)
        {
            var identity = fixture.Engine.ReadAsync(register => register.State.Accounts[DemoScenario.AccountOf(i)].IdentityId).Result;
            commands.Add(new OpenCashAccount(CashOwnerKind.Identity, identity, "USD"));
            commands.Add(new DepositCash(CashOwnerKind.Identity, identity, "USD", Amount.FromUnits(100_000)));
            commands.Add(new Subscribe("ipo-closed", DemoScenario.AccountOf(i), (3 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            commands.Add(new Subscribe("ipo-open", DemoScenario.AccountOf(i), "4"));
        }

        commands.Add(new CloseOffering("ipo-closed", Early: true));
        foreach (var outcome in await fixture.Engine.SubmitManyAsync(commands))
        {
            Assert.True(outcome.Accepted, string.Join("; ", outcome.Result.Failures));
        }
    }

    private static Task<string> DigestAsync(LedgerEngine engine) =>
        engine.ReadAsync(register => Convert.ToHexString(StateDigest.Compute(register.State)));
}

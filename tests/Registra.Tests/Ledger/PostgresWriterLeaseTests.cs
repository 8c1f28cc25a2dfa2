using Registra.Commands;
using Registra.Demo;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Register;
using Registra.Tests.Support;

namespace Registra.Tests.Ledger;

/// <summary>The writer lease, its fencing epoch and the journal follower on one PostgreSQL journal.</summary>
public sealed class PostgresWriterLeaseTests : IDisposable
{
    private readonly PostgresTestDatabase database = new();
    private readonly TempFolder folder = new();
    private readonly NodeKey key;

    public PostgresWriterLeaseTests()
    {
        key = NodeKey.LoadOrCreate(folder.Path);
        using (PostgresJournalStore.Open(database.ConnectionString))
        {
        }
    }

    public void Dispose()
    {
        key.Dispose();
        folder.Dispose();
        database.Dispose();
    }

    [SkippableFact]
    public void Lease_OneHolderAtATime()
    {
        using (PostgresWriterLease first = PostgresWriterLease.TryAcquire(database.ConnectionString, "node-a")!)
        {
            Assert.Equal(1, first.Epoch);
            Assert.Null(PostgresWriterLease.TryAcquire(database.ConnectionString, "node-b"));
            Assert.True(first.IsHeld());
        }

        using PostgresWriterLease second = PostgresWriterLease.TryAcquire(database.ConnectionString, "node-b")!;

        Assert.Equal(2, second.Epoch);
        Assert.Equal((2L, "node-b"), PostgresWriterLease.ReadCurrent(database.ConnectionString));
    }

    [SkippableFact]
    public async Task StaleWriter_CannotAppendAfterTakeover()
    {
        using PostgresJournalStore staleStore = PostgresJournalStore.Open(database.ConnectionString);
        using PostgresWriterLease staleLease = PostgresWriterLease.TryAcquire(database.ConnectionString, "node-a")!;
        staleStore.FenceWith(staleLease.Epoch);
        LedgerTestData.AppendBlocks(staleStore, key, [2, 2]);

        // The old writer's session dies (as when its network fails), so another node takes the lease.
        // The server frees the lock only once the terminated backend has exited, hence the wait.
        database.Execute($"SELECT pg_terminate_backend({staleLease.SessionProcessId})");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using PostgresWriterLease newLease = await PostgresWriterLease.AcquireAsync(
            database.ConnectionString, "node-b", TimeSpan.FromMilliseconds(20), timeout.Token);
        using PostgresJournalStore newStore = PostgresJournalStore.Open(database.ConnectionString);
        newStore.FenceWith(newLease.Epoch);
        JournalHead head = staleStore.ReadHead()!;
        SealedBlock next = BlockSealer.Seal(3, head.LastSequence + 1, head.Hash, 0, LedgerTestData.MakeEvents(head.LastSequence + 1, 1), key);

        // The block follows the head and no other block has height 3, but the epoch moved on.
        JournalConflictException fenced = Assert.Throws<JournalConflictException>(() => staleStore.Append(next));
        newStore.Append(next);
        JournalConflictException afterwards = Assert.Throws<JournalConflictException>(() => LedgerTestData.AppendBlocks(staleStore, key, [1]));

        Assert.False(staleLease.IsHeld());
        Assert.Contains("epoch 1", fenced.Message);
        Assert.Equal(3, fenced.BlockHeight);
        Assert.Contains("epoch", afterwards.Message);
        Assert.Equal(3, newStore.CountBlocks());
        Assert.Equal(next.Hash, newStore.ReadHead()!.Hash);
    }

    [SkippableFact]
    public void UnfencedStore_AppendsWithoutLease()
    {
        using PostgresJournalStore store = PostgresJournalStore.Open(database.ConnectionString);
        using PostgresWriterLease lease = PostgresWriterLease.TryAcquire(database.ConnectionString, "node-a")!;

        LedgerTestData.AppendBlocks(store, key, [1, 1]);

        Assert.Equal(2, store.CountBlocks());
    }

    [SkippableFact]
    public async Task Follower_TracksEngineThroughNotify()
    {
        JournalLocation journal = JournalLocation.Postgres(database.ConnectionString);
        using LedgerEngine engine = LedgerEngine.Open(folder.Combine("writer"), journal: journal);
        var scenario = new DemoScenario(20);
        var setup = await engine.SubmitManyAsync(scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList());
        string securityId = setup[1].Result.CreatedId!;
        await engine.SubmitManyAsync(scenario.FundingCommands(securityId).ToList());

        using JournalFollower follower = JournalFollower.Open(database.ConnectionString, engine.PublicKey);
        using var stop = new CancellationTokenSource();
        // A poll interval far beyond the bounded wait below, so only notifications can wake the follower in time.
        Task following = follower.RunAsync(TimeSpan.FromMinutes(10), stop.Token);
        await WaitForHeightAsync(follower, engine.DurableHeight);
        for (int round = 0; round < 3; round++)
        {
            RegisterCommand[] transfers = Enumerable.Range(0, 200).Select(_ => (RegisterCommand)scenario.NextTransfer(securityId)).ToArray();
            await engine.SubmitManyAsync(transfers);
        }

        await WaitForHeightAsync(follower, engine.DurableHeight);
        byte[] writerDigest = await engine.ReadAsync(register => StateDigest.Compute(register.State));
        byte[] followerDigest = follower.Read(register => StateDigest.Compute(register.State));
        await stop.CancelAsync();
        await following;

        Assert.Equal(writerDigest, followerDigest);
        Assert.Equal(0, follower.LagBlocks);
    }

    [SkippableFact]
    public void Follower_RejectsBlockOfAnotherKey()
    {
        using (PostgresJournalStore store = PostgresJournalStore.Open(database.ConnectionString))
        {
            LedgerTestData.AppendBlocks(store, key, [1]);
        }

        using var otherFolder = new TempFolder();
        using NodeKey otherKey = NodeKey.LoadOrCreate(otherFolder.Path);
        using JournalFollower follower = JournalFollower.Open(database.ConnectionString, otherKey.PublicKey);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => follower.CatchUp());

        Assert.Contains("Block 1", error.Message);
        Assert.Equal(0, follower.AppliedHeight);
    }

    private static async Task WaitForHeightAsync(JournalFollower follower, long height)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (follower.AppliedHeight < height)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}

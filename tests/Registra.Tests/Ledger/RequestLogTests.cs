using Registra.Ledger;
using Registra.Ledger.Requests;

namespace Registra.Tests.Ledger;

/// <summary>The Idempotency-Key records that the SQLite journal keeps beside its blocks.</summary>
public sealed class RequestLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder folder = new();
    private readonly NodeKey key;
    private readonly string databasePath;

    public RequestLogTests()
    {
        key = NodeKey.LoadOrCreate(folder.Path);
        databasePath = folder.Combine("journal.db");
    }

    public void Dispose()
    {
        key.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Append_StoresRequestWithBlock()
    {
        var tag = Tag(1);
        using (var store = SqliteJournalStore.Open(databasePath))
        {
            var batch = new RequestLogBatch();
            batch.Applied.Add(new AppliedRequest(tag, 1, 3, At));
            ((IRequestLog)store).Append(NextBlock(store, 3), batch);
        }

        using var reopened = SqliteJournalStore.Open(databasePath);
        var stored = reopened.Find(tag.KeyHash);

        Assert.NotNull(stored);
        Assert.Equal(tag.Fingerprint, stored.Fingerprint);
        Assert.Equal(1, stored.FirstSequence);
        Assert.Null(stored.StatusCode);
        Assert.Equal(At, stored.CreatedAt);
        Assert.Null(reopened.Find(Tag(2).KeyHash));
    }

    [Fact]
    public void Append_RejectedBlockLeavesNoRequest()
    {
        var tag = Tag(1);
        using var store = SqliteJournalStore.Open(databasePath);
        LedgerTestData.AppendBlocks(store, key, [1]);
        var stale = BlockSealer.Seal(1, 1, LedgerTestData.ZeroHash, LedgerTestData.CommitTime, LedgerTestData.MakeEvents(1, 1), key);
        var batch = new RequestLogBatch();
        batch.Applied.Add(new AppliedRequest(tag, 1, 1, At));

        Assert.Throws<JournalConflictException>(() => ((IRequestLog)store).Append(stale, batch));
        Assert.Null(store.Find(tag.KeyHash));
    }

    [Fact]
    public void Save_ResponseCompletesAppliedRecord()
    {
        var tag = Tag(1);
        using var store = SqliteJournalStore.Open(databasePath);
        var applied = new RequestLogBatch();
        applied.Applied.Add(new AppliedRequest(tag, 1, 1, At));
        ((IRequestLog)store).Append(NextBlock(store, 1), applied);

        var responses = new RequestLogBatch();
        responses.Responses.Add(new RequestResponse(tag, 201, [KeyValuePair.Create("Location", "/v1/x/1")], [1, 2, 3], At.AddSeconds(1)));
        store.Save(responses);
        var stored = store.Find(tag.KeyHash)!;

        Assert.Equal(201, stored.StatusCode);
        Assert.Equal([1, 2, 3], stored.Body);
        Assert.Equal(1, stored.FirstSequence);
        Assert.Equal("/v1/x/1", Assert.Single(stored.Headers, h => h.Key == "Location").Value);
        Assert.Equal(At, stored.CreatedAt);
    }

    [Fact]
    public void Save_KeepsFirstResponseOfKey()
    {
        var tag = Tag(1);
        using var store = SqliteJournalStore.Open(databasePath);
        store.Save(Responses(new RequestResponse(tag, 422, [], [9], At)));

        store.Save(Responses(new RequestResponse(tag, 200, [], [1], At)));
        store.Save(Responses(new RequestResponse(tag with { Fingerprint = new byte[32] }, 201, [], [2], At)));
        var stored = store.Find(tag.KeyHash)!;

        Assert.Equal(422, stored.StatusCode);
        Assert.Equal([9], stored.Body);
        Assert.Equal(tag.Fingerprint, stored.Fingerprint);
    }

    [Fact]
    public void DeleteCreatedBefore_RemovesOnlyOlderRecords()
    {
        using var store = SqliteJournalStore.Open(databasePath);
        store.Save(Responses(
            new RequestResponse(Tag(1), 200, [], [], At.AddHours(-30)),
            new RequestResponse(Tag(2), 200, [], [], At.AddHours(-1))));

        var deleted = store.DeleteCreatedBefore(At.AddHours(-24));

        Assert.Equal(1, deleted);
        Assert.Null(store.Find(Tag(1).KeyHash));
        Assert.NotNull(store.Find(Tag(2).KeyHash));
    }

    [Fact]
    public void Open_UpgradesVersionOneJournal()
    {
        using (var store = SqliteJournalStore.Open(databasePath))
        {
            LedgerTestData.AppendBlocks(store, key, [2]);
        }

        LedgerTestData.ExecuteRaw(databasePath, "DROP TABLE requests; PRAGMA user_version = 1;");
        using var upgraded = SqliteJournalStore.Open(databasePath);
        upgraded.Save(Responses(new RequestResponse(Tag(1), 200, [], [], At)));

        Assert.Equal(1, upgraded.ReadHead()!.Height);
        Assert.NotNull(upgraded.Find(Tag(1).KeyHash));
    }

    private static RequestTag Tag(byte seed) =>
        new(Enumerable.Repeat(seed, 32).ToArray(), Enumerable.Repeat((byte)(seed + 100), 32).ToArray());

    private static RequestLogBatch Responses(params RequestResponse[] responses)
    {
        var batch = new RequestLogBatch();
        batch.Responses.AddRange(responses);
        return batch;
    }

    private SealedBlock NextBlock(SqliteJournalStore store, int events)
    {
        var head = store.ReadHead();
        var height = (head?.Height ?? 0) + 1;
        var first = (head?.LastSequence ?? 0) + 1;
        return BlockSealer.Seal(height, first, head?.Hash ?? LedgerTestData.ZeroHash, LedgerTestData.CommitTime + height,
            LedgerTestData.MakeEvents(first, events), key);
    }
}

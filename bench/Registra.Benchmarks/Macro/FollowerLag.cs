using System.Diagnostics;
using Npgsql;
using Registra.Ledger;

namespace Registra.Benchmarks.Macro;

/// <summary>Lag of a <see cref="JournalFollower"/> behind the writer, sampled while the engine writes.</summary>
internal sealed record FollowerLagResult(int Blocks, double MedianMilliseconds, double MaxMilliseconds, long MaxLagBlocks);

/// <summary>
/// Runs a follower beside the engine and samples every 5 ms both the journal's head (through its own
/// connection) and the follower's applied height. A block's lag is the time from the first sample
/// that sees it committed to the first sample that sees it applied, so each figure is exact to about
/// one sample interval (5 ms plus one query).
/// </summary>
internal sealed class FollowerLag : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(5);

    private readonly JournalFollower follower;
    private readonly CancellationTokenSource stop = new();
    private readonly Task following;
    private readonly Task sampling;
    private readonly Dictionary<long, long> committedAt = [];
    private readonly Dictionary<long, long> appliedAt = [];
    private long maxLagBlocks;

    private FollowerLag(JournalFollower follower, string connectionString)
    {
        this.follower = follower;
        following = Task.Run(() => follower.RunAsync(TimeSpan.FromSeconds(1), stop.Token));
        sampling = Task.Run(() => SampleAsync(connectionString));
    }

    public static FollowerLag Start(string connectionString, byte[] publicKey) =>
        new(JournalFollower.Open(connectionString, publicKey), connectionString);

    /// <summary>Waits until the follower has applied <paramref name="height"/>, stops, and summarises the samples.</summary>
    public async Task<FollowerLagResult> FinishAsync(long height)
    {
        while (follower.AppliedHeight < height)
        {
            await Task.Delay(SampleInterval);
        }

        await Task.Delay(SampleInterval * 4);
        await stop.CancelAsync();
        await Task.WhenAll(following, sampling);
        var lags = committedAt.Where(entry => appliedAt.ContainsKey(entry.Key))
            .Select(entry => Stopwatch.GetElapsedTime(entry.Value, appliedAt[entry.Key]).TotalMilliseconds)
            .Order()
            .ToList();
        return new FollowerLagResult(lags.Count, lags.Count == 0 ? 0 : lags[lags.Count / 2], lags.Count == 0 ? 0 : lags[^1], maxLagBlocks);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        follower.Dispose();
        stop.Dispose();
    }

    private async Task SampleAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var head = new NpgsqlCommand("SELECT coalesce(max(height), 0) FROM blocks", connection);
        long seenCommitted = 0;
        long seenApplied = 0;
        while (!stop.IsCancellationRequested)
        {
            long committed = (long)(await head.ExecuteScalarAsync())!;
            long applied = follower.AppliedHeight;
            long now = Stopwatch.GetTimestamp();
            for (long height = seenCommitted + 1; height <= committed; height++)
            {
                committedAt[height] = now;
            }

            for (long height = seenApplied + 1; height <= applied; height++)
            {
                appliedAt[height] = now;
            }

            seenCommitted = Math.Max(seenCommitted, committed);
            seenApplied = Math.Max(seenApplied, applied);
            maxLagBlocks = Math.Max(maxLagBlocks, seenCommitted - seenApplied);
            await Task.Delay(SampleInterval).ConfigureAwait(false);
        }
    }
}

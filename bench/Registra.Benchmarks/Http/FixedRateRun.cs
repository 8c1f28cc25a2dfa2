using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Registra.Benchmarks.Http;

/// <summary>
/// Open-loop load against a running server: single-transfer POSTs scheduled at a fixed rate, sent
/// over a bounded pool of keep-alive connections. Request k is due at start + k / rate, and its
/// latency counts from that instant, so a request that waited for a free connection behind a slow
/// response carries the wait (no coordinated omission).
/// </summary>
internal static class FixedRateRun
{
    public static async Task<int> RunAsync(FixedRateOptions options)
    {
        using var client = options.Client == FixedRateClient.HttpClient ? CreateClient(options) : null;
        var bodies = TransferBodies(options);
        byte[][] requests = [.. bodies.Select(body => PlainHttpConnection.PostRequest(options.Url, options.ApiKey, body))];
        var senders = new List<ISender>();
        for (var i = 0; i < options.Connections; i++)
        {
            senders.Add(client is null ? new PlainSender(options.Url, requests) : new HttpClientSender(client, options.Url, bodies));
        }

        Console.WriteLine($"target {options.Url}");
        Console.WriteLine($"schedule {options.Rate:F0} requests/s for {options.DurationSeconds:G} s ({options.ScheduledRequests(options.DurationSeconds):N0} requests), " +
            $"{options.Connections} keep-alive connections ({(client is null ? "plain sockets" : "HttpClient")}), warm-up {options.WarmupSeconds:G} s");

        try
        {
            if (options.WarmupSeconds > 0)
            {
                var warmup = (await RunPhaseAsync(senders, options, options.WarmupSeconds)).Summarise();
                Console.WriteLine($"warm-up (not counted): achieved {warmup.Throughput:F0}/s, p99 {warmup.Latency.P99:F2} ms, {warmup.Errors} errors");
            }

            var phase = await RunPhaseAsync(senders, options, options.DurationSeconds);
            var result = phase.Summarise();
            result.Print();
            if (options.SlowWindowMs is { } slowMs)
            {
                phase.PrintSlowWindows(slowMs);
            }

            return result.Errors + result.NotSent == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var sender in senders)
            {
                sender.Dispose();
            }
        }
    }

    private static HttpClient CreateClient(FixedRateOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30), DefaultRequestVersion = HttpVersion.Version11 };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        return client;
    }

    /// <summary>Two request bodies, one each way between the accounts, so the balances end where they began.</summary>
    private static byte[][] TransferBodies(FixedRateOptions options) =>
    [
        Encoding.UTF8.GetBytes($"{{\"from\":\"{options.FromAccount}\",\"to\":\"{options.ToAccount}\",\"amount\":\"{options.Amount}\"}}"),
        Encoding.UTF8.GetBytes($"{{\"from\":\"{options.ToAccount}\",\"to\":\"{options.FromAccount}\",\"amount\":\"{options.Amount}\"}}"),
    ];

    /// <summary>Runs one phase and returns it with every request's latency, for the summary and the slow windows.</summary>
    private static async Task<Phase> RunPhaseAsync(List<ISender> senders, FixedRateOptions options, double seconds)
    {
        var phase = new Phase(options.ScheduledRequests(seconds), options.Rate, seconds + options.DrainSeconds);
        var pacer = new Thread(() => phase.Pace(options.Connections)) { IsBackground = true, Name = "fixed-rate-pacer" };
        pacer.Start();

        var workers = senders.Select(sender => Task.Run(() => phase.WorkAsync(sender)));
        await Task.WhenAll(workers);
        pacer.Join();
        return phase;
    }

    /// <summary>Sends one of the two transfer requests on one connection; returns null on a 2xx response, else a label for the error.</summary>
    private interface ISender : IDisposable
    {
        Task<string?> SendAsync(int bodyIndex);
    }

    private sealed class HttpClientSender(HttpClient client, Uri url, byte[][] bodies) : ISender
    {
        public async Task<string?> SendAsync(int bodyIndex)
        {
            try
            {
                using var content = new ByteArrayContent(bodies[bodyIndex]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(url, content);
                return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                return $"HttpRequestException ({exception.HttpRequestError})";
            }
            catch (TaskCanceledException exception)
            {
                return exception.GetType().Name;
            }
        }

        // The HttpClient is shared and disposed by its owner.
        public void Dispose()
        {
        }
    }

    /// <summary>Sends over its own <see cref="PlainHttpConnection"/>, opening a new one after a failure.</summary>
    private sealed class PlainSender(Uri url, byte[][] requests) : ISender
    {
        private PlainHttpConnection? _connection;

        public async Task<string?> SendAsync(int bodyIndex)
        {
            try
            {
                _connection ??= await PlainHttpConnection.OpenAsync(url);
                var status = await _connection.SendAsync(requests[bodyIndex]);
                return status is >= 200 and < 300 ? null : $"HTTP {status}";
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                _connection?.Dispose();
                _connection = null;
                return exception is SocketException socket ? $"SocketException ({socket.SocketErrorCode})" : exception.GetType().Name;
            }
        }

        public void Dispose() => _connection?.Dispose();
    }

    /// <summary>One scheduled phase: the pacer releases requests as they fall due, and each worker sends one at a time.</summary>
    private sealed class Phase(long total, double rate, double limitSeconds)
    {
        private readonly double[] _latencyMs = new double[total];
        private readonly double[] _sendLagMs = new double[total];
        private readonly bool[] _sent = new bool[total];
        private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _due = new(0);

        // Starts a little ahead, so the workers are waiting when the first request falls due.
        private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(50);
        private readonly long _start = Stopwatch.GetTimestamp() + (long)(Lead.TotalSeconds * Stopwatch.Frequency);
        private readonly DateTime _startUtc = DateTime.UtcNow + Lead;
        private long _claimed = -1;
        private long _lastCompletion;

        private long DueAt(long index) => _start + (long)(index * (double)Stopwatch.Frequency / rate);

        /// <summary>Releases each request when its scheduled time passes, checking about once a millisecond, then wakes every worker to finish.</summary>
        public void Pace(int workers)
        {
            long released = 0;
            while (released < total)
            {
                var elapsed = Stopwatch.GetTimestamp() - _start;
                var due = elapsed < 0 ? 0 : Math.Min(total, (long)(elapsed * rate / Stopwatch.Frequency) + 1);
                if (due > released)
                {
                    _due.Release((int)(due - released));
                    released = due;
                    continue;
                }

                Thread.Sleep(1);
            }

            _due.Release(workers);
        }

        public async Task WorkAsync(ISender sender)
        {
            var deadline = _start + (long)(limitSeconds * Stopwatch.Frequency);
            while (true)
            {
                await _due.WaitAsync();
                var index = Interlocked.Increment(ref _claimed);
                if (index >= total)
                {
                    return;
                }

                // Requests still queued once the drain time has passed are counted as not sent.
                var sentAt = Stopwatch.GetTimestamp();
                if (sentAt > deadline)
                {
                    continue;
                }

                var dueAt = DueAt(index);
                _sendLagMs[index] = Milliseconds(sentAt - dueAt);
                if (await sender.SendAsync((int)(index % 2)) is { } error)
                {
                    _errors.AddOrUpdate(error, 1, (_, count) => count + 1);
                }

                var completedAt = Stopwatch.GetTimestamp();
                _latencyMs[index] = Milliseconds(completedAt - dueAt);
                _sent[index] = true;
                InterlockedMax(ref _lastCompletion, completedAt);
            }
        }

        public FixedRateResult Summarise()
        {
            var latency = new List<double>((int)total);
            var lag = new List<double>((int)total);
            for (var i = 0; i < total; i++)
            {
                if (_sent[i])
                {
                    latency.Add(_latencyMs[i]);
                    lag.Add(_sendLagMs[i]);
                }
            }

            // The phase lasts at least its schedule, so finishing the last request early cannot raise the rate.
            var elapsed = Math.Max(total / rate, (double)(_lastCompletion - _start) / Stopwatch.Frequency);
            return new FixedRateResult(
                total,
                latency.Count,
                total - latency.Count,
                elapsed,
                latency.Count / elapsed,
                Percentiles.Of(latency),
                Percentiles.Of(lag),
                new SortedDictionary<string, int>(_errors, StringComparer.Ordinal));
        }

        /// <summary>Prints each 100 ms window of scheduled sends whose slowest request took longer than <paramref name="slowMs"/>, at most 50 of them.</summary>
        public void PrintSlowWindows(double slowMs)
        {
            var windowSize = Math.Max(1, (long)(rate / 10));
            var listed = 0;
            for (long first = 0; first < total && listed < 50; first += windowSize)
            {
                var slowest = 0.0;
                var slow = 0;
                var end = Math.Min(total, first + windowSize);
                for (var i = first; i < end; i++)
                {
                    slowest = Math.Max(slowest, _latencyMs[i]);
                    slow += _latencyMs[i] > slowMs ? 1 : 0;
                }

                if (slowest > slowMs)
                {
                    var at = _startUtc.AddSeconds(first / rate);
                    Console.WriteLine($"slow window {at:HH:mm:ss.fff} UTC: {slow} of {end - first} requests over {slowMs:G} ms, slowest {slowest:F1} ms");
                    listed++;
                }
            }
        }

        private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        private static void InterlockedMax(ref long target, long value)
        {
            var current = Volatile.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}

namespace Registra.Benchmarks.Http;

/// <summary>Collects request latencies from concurrent workers and summarises them.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _milliseconds = new(1 << 20);
    private int _errors;

    public void Record(TimeSpan latency, bool succeeded)
    {
        lock (_lock)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
            if (!succeeded)
            {
                _errors++;
            }
        }
    }

    /// <param name="itemsPerRequest">Transfers each request carries, so the rate is in transfers per second.</param>
    public LoadResult Result(TimeSpan elapsed, int itemsPerRequest)
    {
        lock (_lock)
        {
            _milliseconds.Sort();
            return new LoadResult(
                _milliseconds.Count,
                _errors,
                _milliseconds.Count * (double)itemsPerRequest / elapsed.TotalSeconds,
                Percentile(0.50),
                Percentile(0.99));
        }
    }

    private double Percentile(double fraction) =>
        _milliseconds.Count == 0 ? 0 : _milliseconds[Math.Min(_milliseconds.Count - 1, (int)(fraction * _milliseconds.Count))];
}

/// <param name="Rate">Transfers per second.</param>
internal sealed record LoadResult(int Count, int Errors, double Rate, double P50, double P99);

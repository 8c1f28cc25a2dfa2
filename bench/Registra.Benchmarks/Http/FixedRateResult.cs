namespace Registra.Benchmarks.Http;

/// <summary>Latency percentiles in milliseconds, by nearest rank.</summary>
internal sealed record Percentiles(double P50, double P90, double P99, double P999, double Max)
{
    public static Percentiles Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }

        values.Sort();
        double Rank(double fraction) => values[Math.Clamp((int)Math.Ceiling(fraction * values.Count) - 1, 0, values.Count - 1)];
        return new Percentiles(Rank(0.50), Rank(0.90), Rank(0.99), Rank(0.999), values[^1]);
    }

    public override string ToString() => $"p50 {P50:F2}  p90 {P90:F2}  p99 {P99:F2}  p99.9 {P999:F2}  max {Max:F2}";
}

/// <summary>What one fixed-rate phase achieved.</summary>
/// <param name="Completed">Requests sent that got a response or failed; responses with an error status count here and in <paramref name="ErrorCounts"/>.</param>
/// <param name="NotSent">Scheduled requests still waiting for a connection when the drain time ran out.</param>
/// <param name="ElapsedSeconds">From the first scheduled send to the last completion, or to the end of the schedule if that is later.</param>
/// <param name="SendLag">Time from each request's scheduled send to its actual send: the client's own delay.</param>
internal sealed record FixedRateResult(
    long Scheduled,
    long Completed,
    long NotSent,
    double ElapsedSeconds,
    double Throughput,
    Percentiles Latency,
    Percentiles SendLag,
    SortedDictionary<string, int> ErrorCounts)
{
    public int Errors => ErrorCounts.Values.Sum();

    public void Print()
    {
        // Failed requests count as completed, so the first line also prints how many of them failed.
        var failed = Errors == 0 ? "" : $", {Errors:N0} of them failed";
        Console.WriteLine($"achieved {Throughput:F0} requests/s ({Completed:N0} of {Scheduled:N0} completed in {ElapsedSeconds:F2} s{failed})");
        Console.WriteLine($"latency from scheduled send, ms: {Latency}");
        Console.WriteLine($"send lag (scheduled to sent), ms: {SendLag}");
        var errors = ErrorCounts.Count == 0 ? "" : " (" + string.Join(", ", ErrorCounts.Select(pair => $"{pair.Key}: {pair.Value}")) + ")";
        Console.WriteLine($"errors {Errors}{errors}; not sent {NotSent}");
    }
}

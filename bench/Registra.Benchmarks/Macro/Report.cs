namespace Registra.Benchmarks.Macro;

/// <summary>Prints measured figures in one format.</summary>
internal static class Report
{
    public static void Rate(string what, long count, TimeSpan elapsed, string unit)
    {
        var rate = count / Math.Max(elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"{what}: {count} in {elapsed.TotalSeconds:F2} s = {rate:N0} {unit}");
    }
}

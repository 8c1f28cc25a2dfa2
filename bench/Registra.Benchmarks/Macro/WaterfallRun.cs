using System.Diagnostics;
using System.Globalization;
using Registra.Amounts;
using Registra.CorporateActions.Waterfall;
using Registra.Identifiers;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// Times a liquidation waterfall over many classes and holders at many exit values: the model is
/// prepared once, then every exit is computed with its conversion choices and split to every
/// holder. The cap table is synthetic and seeded: one common class and preferred classes with
/// mixed seniority, multiples, caps, participation and conversion ratios.
/// </summary>
internal static class WaterfallRun
{
    public const string Usage = """
        usage: Registra.Benchmarks waterfall [options]

        waterfall options:
          --classes N   classes, one of them common, at least 1 (default 20)
          --holders N   holders, each holding one to three classes, at least 1 (default 10000)
          --exits N     exit values from zero to twice the total invested times ten (default 1000)
          --repeat N    timed repetitions; the best is reported (default 3)
        """;

    public static int Run(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, int>(StringComparer.Ordinal) { ["--classes"] = 20, ["--holders"] = 10_000, ["--exits"] = 1000, ["--repeat"] = 3 };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!options.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine($"error: '{args[i]}' is not a known option with a positive integer value.");
                Console.Error.WriteLine(Usage);
                return 2;
            }

            options[args[i]] = value;
        }

        var classes = BuildClasses(options["--classes"], options["--holders"], out var totalInvested);
        var exits = Enumerable.Range(0, options["--exits"])
            .Select(k => totalInvested * 20 * 100 * k / Math.Max(1, options["--exits"] - 1))
            .ToArray();

        var best = TimeSpan.MaxValue;
        var bestCompute = TimeSpan.Zero;
        var bestCpu = TimeSpan.Zero;
        long converted = 0;
        var positions = classes.Sum(c => c.Holdings.Count);
        for (var repeat = 0; repeat < options["--repeat"]; repeat++)
        {
            var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var model = WaterfallModel.Create(classes, CurrencyCode.Parse("USD"));
            var perClass = new long[model.Classes.Count][];
            converted = 0;
            var compute = TimeSpan.Zero;
            foreach (var exit in exits)
            {
                var computeStarted = Stopwatch.GetTimestamp();
                var outcome = model.Compute(exit);
                compute += Stopwatch.GetElapsedTime(computeStarted);
                model.AllocateHolders(outcome, perClass);
                converted += outcome.Classes.Count(c => c.Converted);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStarted;
            if (elapsed < best)
            {
                best = elapsed;
                bestCompute = compute;
                bestCpu = cpu;
            }
        }

        Console.WriteLine($"waterfall: {classes.Count} classes, {options["--holders"]:N0} holders ({positions:N0} positions), {exits.Length:N0} exit values " +
            $"from 0 to {exits[^1] / 100:N0} USD");
        Console.WriteLine($"  best of {options["--repeat"]}: {best.TotalMilliseconds:F0} ms in total, {best.TotalMicroseconds / exits.Length:F0} us per exit value " +
            $"(class payouts, conversion choices and every holder's payout); {converted / (double)exits.Length:F1} classes converted per exit on average");
        Console.WriteLine($"  of which {bestCompute.TotalMilliseconds:F0} ms computing class payouts and {(best - bestCompute).TotalMilliseconds:F0} ms splitting them to holders; " +
            $"{bestCpu.TotalMilliseconds:F0} ms of CPU time in that run (less than the elapsed time when other processes share the cores)");
        return 0;
    }

    private static List<WaterfallClass> BuildClasses(int classCount, int holderCount, out long totalInvested)
    {
        var random = new Random(42);
        var holdings = new List<WaterfallHolding>[classCount];
        for (var c = 0; c < classCount; c++)
        {
            holdings[c] = [];
        }

        for (var h = 0; h < holderCount; h++)
        {
            var holder = $"holder-{h:D6}";
            var count = random.Next(1, 4);
            for (var k = 0; k < count; k++)
            {
                holdings[random.Next(classCount)].Add(new WaterfallHolding(holder, Amount.FromUnits(random.Next(100, 100_000))));
            }
        }

        var classes = new List<WaterfallClass>(classCount);
        totalInvested = 0;
        string[] multiples = ["1", "1", "1.5", "2", "1"];
        string[] ratios = ["1/1", "1/1", "3/2", "1/1", "2/1"];
        for (var c = 0; c < classCount; c++)
        {
            var id = $"class-{c:D2}";
            if (holdings[c].Count == 0)
            {
                holdings[c].Add(new WaterfallHolding("holder-000000", Amount.FromUnits(1000)));
            }

            var terms = new Dictionary<string, string>(StringComparer.Ordinal) { ["class_type"] = c == 0 ? "COMMON" : "PREFERRED" };
            if (c > 0)
            {
                var invested = random.Next(1, 50) * 1_000_000L;
                totalInvested += invested;
                terms["invested_amount"] = invested.ToString(CultureInfo.InvariantCulture) + " USD";
                terms["seniority"] = (c % 5).ToString(CultureInfo.InvariantCulture);
                terms["liquidation_preference_multiple"] = multiples[c % multiples.Length];
                terms["conversion_ratio"] = ratios[c % ratios.Length];
                if (c % 3 == 1)
                {
                    terms["participation_cap_multiple"] = "3";
                }
                else if (c % 3 == 2)
                {
                    terms["participating"] = "true";
                }
            }

            var (parsed, failures) = WaterfallTerms.Read(id, terms, CurrencyCode.Parse("USD"));
            if (parsed is null)
            {
                throw new InvalidOperationException(string.Join(" ", failures.Select(f => f.Hint)));
            }

            classes.Add(new WaterfallClass(id, id, 0, parsed, holdings[c]));
        }

        return classes;
    }
}

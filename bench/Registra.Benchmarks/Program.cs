using BenchmarkDotNet.Running;
using Registra.Benchmarks.Macro;
using Registra.Benchmarks.Micro;

// Subcommands: "engine" runs the end-to-end measurements in one process. "market" measures the
// order book in the state machine and the engine. "reads" times point-in-time reads over many
// positions, "ballot" a ballot tally over many voters, "distribution" a distribution over many
// holders, "offering" the close of an offering with many subscribers and "waterfall" waterfalls
// at many exit values. "fixed-rate" sends transfers at a fixed rate to a server that runs in
// another process. "stages" times each write-path stage
// on one thread. "micro" runs the BenchmarkDotNet micro-benchmarks with short job settings.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(EngineOptionsParser.Usage);
    Console.WriteLine(PointInTimeReads.Usage);
    Console.WriteLine(BallotTallyRun.Usage);
    Console.WriteLine(DistributionRun.Usage);
    Console.WriteLine(OfferingRun.Usage);
    Console.WriteLine(WaterfallRun.Usage);
    Console.WriteLine(Registra.Benchmarks.Market.MarketRun.Usage);
    Console.WriteLine(Registra.Benchmarks.Http.FixedRateOptions.Usage);
    return 0;
}

switch (args[0])
{
    case "engine":
        if (!EngineOptionsParser.TryParse(args.AsSpan(1), out var options, out var error))
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine(EngineOptionsParser.Usage);
            return 2;
        }

        return await EngineRun.RunAsync(options);
    case "http":
        if (!Registra.Benchmarks.Http.HttpLoadOptions.TryParse(args.AsSpan(1), out var httpOptions, out var httpError))
        {
            Console.Error.WriteLine($"error: {httpError}");
            Console.Error.WriteLine(Registra.Benchmarks.Http.HttpLoadOptions.Usage);
            return 2;
        }

        return await Registra.Benchmarks.Http.HttpLoadRun.RunAsync(httpOptions);
    case "fixed-rate":
        if (!Registra.Benchmarks.Http.FixedRateOptions.TryParse(args.AsSpan(1), out var rateOptions, out var rateError))
        {
            Console.Error.WriteLine($"error: {rateError}");
            Console.Error.WriteLine(Registra.Benchmarks.Http.FixedRateOptions.Usage);
            return 2;
        }

        return await Registra.Benchmarks.Http.FixedRateRun.RunAsync(rateOptions!);
    case "market":
        return await Registra.Benchmarks.Market.MarketRun.RunAsync(args[1..]);
    case "reads":
        return PointInTimeReads.Run(args.AsSpan(1));
    case "ballot":
        return BallotTallyRun.Run(args.AsSpan(1));
    case "stages":
        // Only the single-thread stage timings of the engine run, for profiling one stage at a time.
        Stages.Run(investors: 10_000, transfers: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500_000);
        return 0;
    case "distribution":
        return await DistributionRun.RunAsync(args.AsSpan(1).ToArray());
    case "offering":
        return await OfferingRun.RunAsync(args[1..]);
    case "waterfall":
        return WaterfallRun.Run(args.AsSpan(1));
    case "micro":
        BenchmarkSwitcher.FromTypes([typeof(RegisterTransferBenchmark), typeof(EventEncodeBenchmark), typeof(BlockSealBenchmark)])
            .Run(args[1..].Length == 0 ? ["--filter", "*"] : args[1..], MicroConfig.Create());
        return 0;
    default:
        Console.Error.WriteLine($"error: unknown subcommand '{args[0]}'; use 'engine', 'market', 'reads', 'ballot', 'distribution', 'offering', 'waterfall', 'stages', 'http', 'fixed-rate' or 'micro'.");
        Console.Error.WriteLine(EngineOptionsParser.Usage);
        return 2;
}

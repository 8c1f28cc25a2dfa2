using System.Diagnostics;
using System.Globalization;
using Registra.Amounts;
using Registra.Benchmarks.Macro;
using Registra.Cash;
using Registra.Commands;
using Registra.Demo;
using Registra.Ledger.Engine;
using Registra.Register;

namespace Registra.Benchmarks.Market;

/// <summary>
/// The <c>market</c> subcommand: the order book with compliance checks at acceptance and at
/// match, each trade settled in its own event, measured three ways. The first run is the state
/// machine alone on one thread. The second is the engine with batched submitters, for durable
/// throughput. The third is the engine with many single-order submitters, for the durable
/// order-to-acknowledgement latency.
/// </summary>
internal static class MarketRun
{
    public const string Usage =
        "usage: market [--orders N (default 2000000)] [--traders N (default 10000)] [--submitters N (default 8)] " +
        "[--chunk N (default 2048)] [--latency-orders N (default 200000)] [--latency-clients N (default 64)]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--orders"] = 2_000_000, ["--traders"] = 10_000, ["--submitters"] = 8, ["--chunk"] = 2048,
            ["--latency-orders"] = 200_000, ["--latency-clients"] = 64,
        };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!options.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                Console.Error.WriteLine($"error: bad option '{args[i]}'; every option takes a positive integer.");
                Console.Error.WriteLine(Usage);
                return 2;
            }

            options[args[i]] = value;
        }

        Console.WriteLine($"registra market benchmark: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        var (limit, immediate, market) = OrderFlow.Mix;
        Console.WriteLine($"mix: {limit}% limit GTC within 5 ticks of the mid (some crossing), {immediate}% limit IOC, {market}% market IOC, {100 - limit - immediate - market}% cancels; five compliance rules");
        StateMachineOnly(options["--traders"], options["--orders"]);

        var folder = Path.Combine(Path.GetTempPath(), "registra-market-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var engine = LedgerEngine.Open(folder);
            var securityId = await SetUpAsync(engine, options["--traders"]);
            var flow = new OrderFlow(securityId, options["--traders"]);
            await ThroughputAsync(engine, flow, options["--orders"], options["--submitters"], options["--chunk"]);
            await LatencyAsync(engine, flow, options["--latency-orders"], options["--latency-clients"]);
            var resting = await engine.ReadAsync(register => register.State.Market.Orders.Count);
            Console.WriteLine($"resting orders at the end: {resting}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> SetUpAsync(LedgerEngine engine, int traders)
    {
        var scenario = new DemoScenario(traders);
        var securityId = await EngineWrite.SetUpAsync(engine, scenario);
        var commands = CashCommands(traders).Append(new ConfigureMarket(securityId, "USD", Amount.FromUnits(1), Amount.FromUnits(1))).ToList();
        var outcomes = await engine.SubmitManyAsync(commands);
        return outcomes.FirstOrDefault(outcome => !outcome.Accepted) is { } failed
            ? throw new InvalidOperationException(string.Join("; ", failed.Result.Failures))
            : securityId;
    }

    /// <summary>A USD cash account for every trader, funded well beyond what the flow spends, so buy orders are limited by the book only.</summary>
    private static IEnumerable<RegisterCommand> CashCommands(int traders)
    {
        for (var i = 0; i < traders; i++)
        {
            var identity = $"investor-{i:D7}";
            yield return new OpenCashAccount(CashOwnerKind.Identity, identity, "USD");
            yield return new DepositCash(CashOwnerKind.Identity, identity, "USD", Amount.FromUnits(1_000_000_000_000));
        }
    }

    /// <summary>Runs the flow through <see cref="Register.Execute"/> on one thread, without journal or sequencer.</summary>
    private static void StateMachineOnly(int traders, int orders)
    {
        var register = new Registra.Register.Register();
        var scenario = new DemoScenario(traders);
        var now = DateTimeOffset.UtcNow;
        string? securityId = null;
        foreach (var command in scenario.SetupCommands(now.AddYears(-1)))
        {
            var result = register.Execute(command, now);
            securityId ??= command is CreateSecurity ? result.CreatedId : null;
        }

        var funding = scenario.FundingCommands(securityId!).Concat(CashCommands(traders))
            .Append(new ConfigureMarket(securityId!, "USD", Amount.FromUnits(1), Amount.FromUnits(1)));
        foreach (var command in funding)
        {
            register.Execute(command, now);
        }

        var commands = new OrderFlow(securityId!, traders).Take(orders);
        var (accepted, trades) = (0L, 0L);
        var started = Stopwatch.GetTimestamp();
        foreach (var command in commands)
        {
            var result = register.Execute(command, now);
            accepted += result.Accepted ? 1 : 0;
            for (var i = 0; i < result.Events.Count; i++)
            {
                trades += result.Events[i] is Events.TradeExecuted ? 1 : 0;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Report.Rate("state machine only, one thread", orders, elapsed, "orders/s");
        Console.WriteLine($"        {accepted} accepted, {orders - accepted} rejected, {trades} trades, {register.State.Market.Orders.Count} resting; invariants: {Invariants.Check(register.State).Count} violations");

        // State kept per order or trader shows here, and a larger live heap slows every collection.
        var collections = $"gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}";
        var liveBytes = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(register);
        Console.WriteLine($"        collections during setup and run: {collections}; live heap afterwards {liveBytes / 1_000_000} MB");
    }

    private static async Task ThroughputAsync(LedgerEngine engine, OrderFlow flow, int orders, int submitters, int chunkSize)
    {
        var chunks = new List<RegisterCommand[]>();
        for (var done = 0; done < orders; done += chunkSize)
        {
            chunks.Add(flow.Take(Math.Min(chunkSize, orders - done)));
        }

        var latencies = new double[chunks.Count];
        var next = -1;
        long rejected = 0;
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[submitters];
        for (var s = 0; s < tasks.Length; s++)
        {
            tasks[s] = Task.Run(async () =>
            {
                for (var index = Interlocked.Increment(ref next); index < chunks.Count; index = Interlocked.Increment(ref next))
                {
                    var sent = Stopwatch.GetTimestamp();
                    var outcomes = await engine.SubmitManyAsync(chunks[index]);
                    latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    Interlocked.Add(ref rejected, outcomes.Count(outcome => !outcome.Accepted));
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Report.Rate($"engine, {submitters} submitters of {chunkSize}-order batches, durable", orders, elapsed, "orders/s");
        Array.Sort(latencies);
        Console.WriteLine($"        {rejected} rejected; batch acknowledgement p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms");
    }

    private static async Task LatencyAsync(LedgerEngine engine, OrderFlow flow, int orders, int clients)
    {
        var commands = flow.Take(orders);
        var latencies = new double[orders];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[clients];
        for (var c = 0; c < tasks.Length; c++)
        {
            tasks[c] = Task.Run(async () =>
            {
                for (var index = Interlocked.Increment(ref next); index < commands.Length; index = Interlocked.Increment(ref next))
                {
                    var sent = Stopwatch.GetTimestamp();
                    await engine.SubmitAsync(commands[index]);
                    latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Report.Rate($"engine, {clients} clients sending one order at a time, durable", orders, elapsed, "orders/s");
        Array.Sort(latencies);
        Console.WriteLine($"        order-to-acknowledgement p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
}

using System.Globalization;

namespace Registra.Benchmarks.Macro;

/// <summary>Parses the options of the <c>engine</c> subcommand.</summary>
internal static class EngineOptionsParser
{
    public const string Usage = """
        usage: Registra.Benchmarks engine [options]
               Registra.Benchmarks micro [BenchmarkDotNet arguments]

        engine options:
          --transfers N         transfers through LedgerEngine (default 2000000)
          --investors N         investors in the demo register, at least 2 (default 10000)
          --submitters N        concurrent submitting tasks (default 8)
          --chunk N             transfers per SubmitManyAsync call (default 2048)
          --naive-transfers N   transfers through the one-transaction-per-transfer baseline (default 3000)
          --memory-positions N  positions built for the memory-per-position figure (default 100000)
          --sealing MODE        parallel or serial hashing of a block's events in the journal writer (default parallel)
          --block-commands N    commands the sequencer takes into one block at most (default: the engine's, 2048)
          --snapshot-every N    events between register snapshots, 0 for none (default: the engine's, 1000000)
          --naive-connections N connections of the PostgreSQL naive baseline (default 8)
          --store CONN          also run the engine and the naive baseline on PostgreSQL: a connection string
                                or postgres:// URL of a database where the run may create schemas
          --data DIR            folder for the journal and the baseline database (default: a new temporary folder)
          --keep                keep the data folder after the run
        """;

    public static bool TryParse(ReadOnlySpan<string> args, out EngineRunOptions options, out string? error)
    {
        options = new EngineRunOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--keep")
            {
                options = options with { Keep = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"option '{name}' is unknown or is missing its value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--data":
                    options = options with { Data = value };
                    continue;
                case "--store":
                    options = options with { Store = value };
                    continue;
                case "--naive-connections" when TryCount(value, 1, 1000, out var count):
                    options = options with { NaiveConnections = (int)count };
                    continue;
                case "--sealing" when value is "parallel" or "serial":
                    options = options with { ParallelSealing = value == "parallel" };
                    continue;
                case "--block-commands" when TryCount(value, 1, int.MaxValue, out var count):
                    options = options with { MaxCommandsPerBlock = (int)count };
                    continue;
                case "--snapshot-every" when TryCount(value, 0, long.MaxValue, out var count):
                    options = options with { SnapshotEveryEvents = count };
                    continue;
                case "--sealing":
                    error = $"invalid value '{value}' for --sealing: give parallel or serial.";
                    return false;
                case "--transfers" when TryCount(value, 1, 10_000_000_000, out var count):
                    options = options with { Transfers = count };
                    continue;
                case "--investors" when TryCount(value, 2, int.MaxValue, out var count):
                    options = options with { Investors = (int)count };
                    continue;
                case "--submitters" when TryCount(value, 1, int.MaxValue, out var count):
                    options = options with { Submitters = (int)count };
                    continue;
                case "--chunk" when TryCount(value, 1, int.MaxValue, out var count):
                    options = options with { Chunk = (int)count };
                    continue;
                case "--naive-transfers" when TryCount(value, 1, int.MaxValue, out var count):
                    options = options with { NaiveTransfers = (int)count };
                    continue;
                case "--memory-positions" when TryCount(value, 1, int.MaxValue, out var count):
                    options = options with { MemoryPositions = (int)count };
                    continue;
                case "--transfers" or "--investors" or "--submitters" or "--chunk" or "--naive-transfers" or "--memory-positions" or "--naive-connections" or "--snapshot-every":
                    error = $"invalid value '{value}' for {name}: give a whole number, at least 2 for --investors, at least 0 for --snapshot-every and at least 1 otherwise.";
                    return false;
                default:
                    error = $"unknown option '{name}'.";
                    return false;
            }
        }

        return true;
    }

    private static bool TryCount(string text, long minimum, long maximum, out long count) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= minimum && count <= maximum;
}

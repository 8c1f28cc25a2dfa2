using System.Globalization;

namespace Registra.Benchmarks.Http;

/// <summary>Options of the <c>http</c> subcommand.</summary>
internal sealed record HttpLoadOptions
{
    public int Investors { get; init; } = 10_000;

    /// <summary>Concurrent keep-alive connections of the client.</summary>
    public int Connections { get; init; } = 64;

    /// <summary>Length of each measured phase in seconds.</summary>
    public double Seconds { get; init; } = 10;

    public int BatchSize { get; init; } = 1000;

    /// <summary>Keeps the temporary data folder after the run.</summary>
    public bool Keep { get; init; }

    public const string Usage =
        "http [--investors N] [--connections N] [--seconds S] [--batch-size N] [--keep]: load test of the REST API on loopback.";

    public static bool TryParse(ReadOnlySpan<string> args, out HttpLoadOptions options, out string? error)
    {
        options = new HttpLoadOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--keep")
            {
                options = options with { Keep = true };
                continue;
            }

            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                error = $"option {name} needs a positive number";
                return false;
            }

            i++;
            switch (name)
            {
                case "--investors": options = options with { Investors = (int)value }; break;
                case "--connections": options = options with { Connections = (int)value }; break;
                case "--seconds": options = options with { Seconds = value }; break;
                case "--batch-size": options = options with { BatchSize = (int)value }; break;
                default:
                    error = $"unknown option '{name}'";
                    return false;
            }
        }

        return true;
    }
}

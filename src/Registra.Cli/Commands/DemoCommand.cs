using System.CommandLine;
using System.Diagnostics;
using Registra.Commands;
using Registra.Demo;
using Registra.Ledger.Engine;

namespace Registra.Cli.Commands;

/// <summary>
/// <c>registra demo</c>: builds a synthetic register and runs random transfers through the full
/// write path, printing what was acknowledged. Used for demos, load and crash tests.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var store = CliOptions.Store();
        var investors = new Option<int>("--investors") { Description = "Number of investors to create.", DefaultValueFactory = _ => 1000 };
        var transfers = new Option<long>("--transfers") { Description = "Number of transfers to submit.", DefaultValueFactory = _ => 100_000 };
        var batch = new Option<int>("--batch") { Description = "Transfers submitted together before waiting for their acknowledgement.", DefaultValueFactory = _ => 1024 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random transfers; the same seed gives the same transfers.", DefaultValueFactory = _ => 42 };
        var printAcks = new Option<bool>("--print-acks")
        {
            Description = "Print one line per acknowledged transfer: 'ack', its number, and its event's sequence number.",
        };
        var command = new Command("demo", "Create a demo register with investors and run random compliant transfers through the ledger.")
        {
            data, store, investors, transfers, batch, seed, printAcks,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data)!, parse.GetValue(store),
            new DemoSize(parse.GetValue(investors), parse.GetValue(transfers), parse.GetValue(batch), parse.GetValue(seed)),
            parse.GetValue(printAcks), cancellationToken));
        return command;
    }

    /// <summary>The most investors a demo creates; each takes five setup commands and their events stay in memory.</summary>
    private const int MaxInvestors = 1_000_000;

    private const int SetupCommandsPerSubmission = 4096;

    private sealed record DemoSize(int Investors, long Transfers, int Batch, int Seed);

    private static async Task<int> RunAsync(DirectoryInfo data, string? storeOption, DemoSize size, bool printAcks, CancellationToken cancellationToken)
    {
        if (CheckSize(size) is { } problem)
        {
            return Output.Error(problem);
        }

        using var session = DataFolder.OpenEngine(data, CliOptions.Journal(data, storeOption));
        var engine = session.Engine;
        var scenario = new DemoScenario(size.Investors, size.Seed);
        var securityId = await SetUpAsync(engine, scenario, cancellationToken);
        if (securityId is null)
        {
            return Output.Error($"The data folder {data.FullName} already contains a register; use an empty folder for the demo.");
        }

        var started = Stopwatch.GetTimestamp();
        var (done, rejected) = await RunTransfersAsync(engine, scenario, securityId, size, printAcks, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine($"{done} transfers ({rejected} rejected by compliance) in {seconds:F2} s: {done / Math.Max(seconds, 1e-9):F0} per second; ledger height {engine.DurableHeight}.");
        return ExitCodes.Success;
    }

    /// <summary>Submits the random transfers in batches, with a progress line every tenth; returns the transfers done and rejected.</summary>
    private static async Task<(long Done, long Rejected)> RunTransfersAsync(LedgerEngine engine, DemoScenario scenario, string securityId,
        DemoSize size, bool printAcks, CancellationToken cancellationToken)
    {
        return await Output.WithProgressAsync("Transfers", size.Transfers, async progress =>
        {
            long done = 0;
            long rejected = 0;
            while (done < size.Transfers)
            {
                var count = (int)Math.Min(size.Batch, size.Transfers - done);
                var commands = new RegisterCommand[count];
                for (var i = 0; i < count; i++)
                {
                    commands[i] = scenario.NextTransfer(securityId);
                }

                var outcomes = await engine.SubmitManyAsync(commands, cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    if (!outcomes[i].Accepted)
                    {
                        rejected++;
                    }
                    else if (printAcks)
                    {
                        Console.Out.WriteLine($"ack {done + i} {outcomes[i].FirstSequence}");
                    }
                }

                done += count;
                progress.Report(done);
            }

            return (done, rejected);
        }).ConfigureAwait(false);
    }

    private static string? CheckSize(DemoSize size)
    {
        if (size.Investors < 2 || size.Investors > MaxInvestors)
        {
            return $"--investors is {size.Investors}; give a number from 2 to {MaxInvestors:N0}.";
        }

        if (size.Transfers < 0)
        {
            return $"--transfers is {size.Transfers}; give zero or more.";
        }

        return size.Batch < 1 ? $"--batch is {size.Batch}; give 1 or more." : null;
    }

    /// <summary>Creates the issuer, the security and the funded investors; returns the security id, or null when the folder already has a register.</summary>
    private static async Task<string?> SetUpAsync(LedgerEngine engine, DemoScenario scenario, CancellationToken cancellationToken)
    {
        var setupCommands = scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList();
        var first = await engine.SubmitManyAsync(setupCommands[..2], cancellationToken);
        if (!first[0].Accepted || !first[1].Accepted)
        {
            return null;
        }

        var securityId = first[1].Result.CreatedId!;
        var remaining = setupCommands[2..].Concat(scenario.FundingCommands(securityId)).ToList();
        await Output.WithProgressAsync("Setting up investors", remaining.Count, async progress =>
        {
            for (var start = 0; start < remaining.Count; start += SetupCommandsPerSubmission)
            {
                var count = Math.Min(SetupCommandsPerSubmission, remaining.Count - start);
                await engine.SubmitManyAsync(remaining.GetRange(start, count), cancellationToken);
                progress.Report(start + count);
            }

            return 0;
        }).ConfigureAwait(false);
        return securityId;
    }
}

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
        var investors = new Option<int>("--investors") { Description = "Number of investors to create.", DefaultValueFactory = _ => 1000 };
        var transfers = new Option<long>("--transfers") { Description = "Number of transfers to submit.", DefaultValueFactory = _ => 100_000 };
        var batch = new Option<int>("--batch") { Description = "Transfers submitted together before waiting for their acknowledgement.", DefaultValueFactory = _ => 1024 };
        var printAcks = new Option<bool>("--print-acks")
        {
            Description = "Print one line per acknowledged transfer: 'ack', its number, and its event's sequence number.",
        };
        var command = new Command("demo", "Create a demo register with investors and run random compliant transfers through the ledger.")
        {
            data, investors, transfers, batch, printAcks,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data)!, parse.GetValue(investors), parse.GetValue(transfers),
            parse.GetValue(batch), parse.GetValue(printAcks), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo data, int investors, long transfers, int batch, bool printAcks, CancellationToken cancellationToken)
    {
        if (investors < 2 || transfers < 0 || batch < 1)
        {
            return Output.Error("--investors must be at least 2, --transfers zero or more and --batch at least 1.");
        }

        using var engine = LedgerEngine.Open(data.FullName);
        var scenario = new DemoScenario(investors);
        var securityId = await SetUpAsync(engine, scenario, cancellationToken);
        if (securityId is null)
        {
            return Output.Error($"The data folder {data.FullName} already contains a register; use an empty folder for the demo.");
        }

        var started = Stopwatch.GetTimestamp();
        long done = 0;
        long rejected = 0;
        while (done < transfers)
        {
            var count = (int)Math.Min(batch, transfers - done);
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
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine($"{done} transfers ({rejected} rejected by compliance) in {seconds:F2} s: {done / Math.Max(seconds, 1e-9):F0} per second; ledger height {engine.DurableHeight}.");
        return ExitCodes.Success;
    }

    private static async Task<string?> SetUpAsync(LedgerEngine engine, DemoScenario scenario, CancellationToken cancellationToken)
    {
        var setup = await engine.SubmitManyAsync(scenario.SetupCommands(DateTimeOffset.UtcNow.AddYears(-1)).ToList(), cancellationToken);
        if (!setup[0].Accepted || !setup[1].Accepted)
        {
            return null;
        }

        var securityId = setup[1].Result.CreatedId!;
        await engine.SubmitManyAsync(scenario.FundingCommands(securityId).ToList(), cancellationToken);
        return securityId;
    }
}

using System.Diagnostics;
using System.Globalization;
using Registra.Amounts;
using Registra.Commands;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// Times point-in-time reads on a security with many positions, as a record date for a corporate
/// action needs them: <c>Register.HoldersAt</c> (the full holder list at an instant) and
/// <c>Register.SupplyAt</c>. The register is built directly with <c>Register.Execute</c>, with no
/// engine or journal: one issuance per position, then rounds of random transfers, each round at
/// its own ledger timestamp, so every position has a balance history of several entries.
/// </summary>
internal static class PointInTimeReads
{
    public const string Usage = """
        usage: Registra.Benchmarks reads [options]

        reads options:
          --positions N   positions (identities with one account each) to build, at least 2 (default 1000000)
          --rounds N      rounds of transfers after the issuance, one timestamp each (default 3)
          --repeat N      timed repetitions of each read; the best is reported (default 5)
        """;

    private const long UnitsPerPosition = 1_000_000;
    private static readonly DateTimeOffset IssuedAt = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static int Run(ReadOnlySpan<string> args)
    {
        if (!TryParse(args, out var positions, out var rounds, out var repeat, out var error))
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var (register, securityId) = Build(positions, rounds);
        build.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var security = register.State.Securities[securityId];
        long historyEntries = 0;
        long lots = 0;
        foreach (var position in security.Positions.Values)
        {
            historyEntries += position.History.Count;
            lots += position.Lots.Count;
        }

        Console.WriteLine($"point-in-time reads: {positions:N0} positions, issuance then {rounds} rounds of {positions:N0} transfers, " +
            $"built in {build.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  memory: {(after - before) / (double)positions:F0} bytes per position on the managed heap " +
            $"(identity, account, position, holder entry; {historyEntries / (double)positions:F1} balance history entries " +
            $"and {lots / (double)positions:F1} lots per position on average)");

        // The instants: before the issuance (no holders), the issuance, and after the first and the last round.
        DateTimeOffset[] instants = [IssuedAt.AddSeconds(-1), IssuedAt, RoundAt(1), RoundAt(rounds)];
        foreach (var at in instants)
        {
            var best = double.MaxValue;
            var holders = 0;
            for (var i = 0; i < repeat; i++)
            {
                var started = Stopwatch.GetTimestamp();
                holders = register.HoldersAt(securityId, at).Count;
                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            Console.WriteLine($"  HoldersAt {at:O}: {holders,10:N0} holders, best {best,8:F1} ms of {repeat}");
        }

        TimeSupplyAt(register, securityId, rounds);
        return 0;
    }

    private static void TimeSupplyAt(Register.Register register, string securityId, int rounds)
    {
        const int calls = 1_000_000;
        var supply = Amount.Zero;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            supply = register.SupplyAt(securityId, RoundAt(i % (rounds + 1)));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"  SupplyAt: {elapsed.TotalNanoseconds / calls:F0} ns per call (supply {supply.Units:N0})");
    }

    private static DateTimeOffset RoundAt(int round) => IssuedAt.AddDays(round);

    private static (Register.Register Register, string SecurityId) Build(int positions, int rounds)
    {
        var register = new Register.Register();
        Execute(register, new CreateIssuer("reads-issuer", "Point-in-time Reads Ltd"), IssuedAt);
        var securityId = Execute(register, new CreateSecurity("reads-issuer", "Reads Common", AssetClass.Equity, Decimals: 0), IssuedAt)
            .CreatedId!;

        var accounts = new string[positions];
        for (var i = 0; i < positions; i++)
        {
            var identity = "holder-" + i.ToString("D7", CultureInfo.InvariantCulture);
            accounts[i] = "acct-" + i.ToString("D7", CultureInfo.InvariantCulture);
            Execute(register, new RegisterIdentity(identity, IdentityKind.Individual, identity), IssuedAt);
            Execute(register, new AddAccount(identity, accounts[i]), IssuedAt);
            Execute(register, new Issue(securityId, accounts[i], Amount.FromUnits(UnitsPerPosition)), IssuedAt);
        }

        var random = new Random(42);
        for (var round = 1; round <= rounds; round++)
        {
            var at = RoundAt(round);
            for (var i = 0; i < positions; i++)
            {
                var from = random.Next(positions);
                var to = random.Next(positions - 1);
                to = to >= from ? to + 1 : to;
                var transfer = new Transfer(securityId, accounts[from], accounts[to], Amount.FromUnits(random.Next(1, 101)));
                Execute(register, transfer, at);
            }
        }

        return (register, securityId);
    }

    private static CommandResult Execute(Register.Register register, RegisterCommand command, DateTimeOffset at)
    {
        var result = register.Execute(command, at);
        if (!result.Accepted)
        {
            throw new InvalidOperationException(
                $"Building the reads register failed: {command.GetType().Name} was rejected: {result.Failures[0]}");
        }

        return result;
    }

    private static bool TryParse(ReadOnlySpan<string> args, out int positions, out int rounds, out int repeat, out string? error)
    {
        positions = 1_000_000;
        rounds = 3;
        repeat = 5;
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (name is not ("--positions" or "--rounds" or "--repeat"))
            {
                error = $"option '{name}' is unknown; use --positions, --rounds or --repeat.";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                error = $"option '{name}' is missing its value.";
                return false;
            }

            var minimum = name == "--positions" ? 2 : 1;
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
            {
                error = $"option '{name}' needs a whole number of at least {minimum}, not '{args[i + 1]}'.";
                return false;
            }

            switch (name)
            {
                case "--positions":
                    positions = value;
                    break;
                case "--rounds":
                    rounds = value;
                    break;
                default:
                    repeat = value;
                    break;
            }
        }

        return true;
    }
}

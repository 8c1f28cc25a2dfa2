using System.Diagnostics;
using System.Globalization;
using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Benchmarks.Macro;

/// <summary>
/// Times a ballot over many voters, built directly with <c>Register.Execute</c> (no engine or
/// journal): one identity, account and issuance per voter at the record instant, a ballot with
/// two motions, one vote per voter on both motions, then a changed vote by every tenth voter. It
/// reports the vote rate, the memory the votes take, and the certification: the tally inside
/// <c>Register.Execute(CertifyBallot)</c>, and <c>BallotTally.Compute</c> alone.
/// </summary>
internal static class BallotTallyRun
{
    public const string Usage = """
        usage: Registra.Benchmarks ballot [options]

        ballot options:
          --voters N   identities that hold units and vote, at least 2 (default 1000000)
          --repeat N   timed repetitions of BallotTally.Compute; the best is reported (default 5)
        """;

    private static readonly DateTimeOffset RecordAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static int Run(ReadOnlySpan<string> args)
    {
        if (!TryParse(args, out var voters, out var repeat, out var error))
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var build = Stopwatch.StartNew();
        var (register, securityId) = BuildHolders(voters);
        build.Stop();
        Console.WriteLine($"ballot: {voters:N0} voters, register built in {build.Elapsed.TotalSeconds:F1} s");

        var ballotId = Execute(register, new CreateBallot(securityId, "Annual meeting", RecordAt, RecordAt.AddHours(1), RecordAt.AddDays(2), 5100,
            [new Motion("Approve the accounts", ["for", "against", "abstain"]), new Motion("Elect the board", ["slate A", "slate B"])]),
            RecordAt.AddMinutes(1)).CreatedId!;

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var votes = Stopwatch.StartNew();
        var voteAt = RecordAt.AddHours(2);
        for (var i = 0; i < voters; i++)
        {
            Execute(register, new CastVote(ballotId, IdentityOf(i), [new VoteChoice(1, 1 + (i % 3)), new VoteChoice(2, 1 + (i % 2))]), voteAt);
        }

        for (var i = 0; i < voters; i += 10)
        {
            Execute(register, new CastVote(ballotId, IdentityOf(i), [new VoteChoice(1, 2)]), voteAt);
        }

        votes.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var casts = voters + ((voters + 9) / 10);
        Console.WriteLine($"  votes: {casts:N0} vote commands ({voters:N0} first votes on two motions, then one change per tenth voter) " +
            $"in {votes.Elapsed.TotalSeconds:F1} s, {casts / votes.Elapsed.TotalSeconds:N0} per second");
        Console.WriteLine($"  memory: {(after - before) / (double)voters:F0} bytes per voter on the managed heap (voter entry, weight, choices)");

        var ballot = register.State.Ballots[ballotId];
        var supply = register.SupplyAt(securityId, RecordAt).Units;
        var best = double.MaxValue;
        BallotResult? result = null;
        for (var i = 0; i < repeat; i++)
        {
            var started = Stopwatch.GetTimestamp();
            result = BallotTally.Compute(ballot, supply, register.State.LastSequence);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine($"  BallotTally.Compute: best {best:F1} ms of {repeat}");

        var certify = Stopwatch.StartNew();
        Execute(register, new CertifyBallot(ballotId), RecordAt.AddDays(3));
        certify.Stop();
        var certified = ballot.Result!;
        Console.WriteLine($"  Register.Execute(CertifyBallot): {certify.Elapsed.TotalMilliseconds:F1} ms; turnout {certified.Turnout:N0} of {certified.SupplyAtRecord:N0}, " +
            $"quorum met {certified.QuorumMet}, motion 1 weights {string.Join(" / ", certified.Motions[0].Weights.Select(w => w.ToString("N0", CultureInfo.InvariantCulture)))}");
        return result!.Turnout == certified.Turnout ? 0 : 1;
    }

    private static string IdentityOf(int index) => "voter-" + index.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Each voter holds 1 to 1,000 units, issued at the record instant.</summary>
    private static (Register.Register Register, string SecurityId) BuildHolders(int voters)
    {
        var register = new Register.Register();
        Execute(register, new CreateIssuer("ballot-issuer", "Ballot Benchmark Ltd"), RecordAt);
        var securityId = Execute(register, new CreateSecurity("ballot-issuer", "Ballot Common", AssetClass.Equity, Decimals: 0), RecordAt).CreatedId!;
        var random = new Random(42);
        for (var i = 0; i < voters; i++)
        {
            var identity = IdentityOf(i);
            var account = "acct-" + i.ToString("D7", CultureInfo.InvariantCulture);
            Execute(register, new RegisterIdentity(identity, IdentityKind.Individual, identity), RecordAt);
            Execute(register, new AddAccount(identity, account), RecordAt);
            Execute(register, new Issue(securityId, account, Amount.FromUnits(random.Next(1, 1001))), RecordAt);
        }

        return (register, securityId);
    }

    private static CommandResult Execute(Register.Register register, RegisterCommand command, DateTimeOffset at)
    {
        var result = register.Execute(command, at);
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"The ballot benchmark's {command.GetType().Name} was rejected: {result.Failures[0]}");
        }

        return result;
    }

    private static bool TryParse(ReadOnlySpan<string> args, out int voters, out int repeat, out string? error)
    {
        voters = 1_000_000;
        repeat = 5;
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (name is not ("--voters" or "--repeat"))
            {
                error = $"option '{name}' is unknown; use --voters or --repeat.";
                return false;
            }

            var minimum = name == "--voters" ? 2 : 1;
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
            {
                error = $"option '{name}' needs a whole number of at least {minimum}.";
                return false;
            }

            if (name == "--voters")
            {
                voters = value;
            }
            else
            {
                repeat = value;
            }
        }

        return true;
    }
}

using CsCheck;
using Registra.Amounts;
using Registra.Commands;
using Registra.Events;
using Registra.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Register;

public sealed class RegisterPropertyTests
{
    private const long Iterations = 300;
    private const string SupplyKey = "(supply)";

    [Fact]
    public void RandomSequence_Supply_EqualsSumOfBalances()
    {
        RandomRun.Sequences.Sample(steps =>
        {
            var run = new RandomRun();
            foreach (var step in steps)
            {
                run.Run(step);

                var positions = run.Fixture.Security.Positions.Values;
                var sum = positions.Aggregate(Amount.Zero, (total, position) => total.Plus(position.Balance));
                Assert.Equal(run.Fixture.Security.Supply, sum);
                Assert.Empty(Invariants.Check(run.Fixture.Register.State));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RandomSequence_HolderCount_MatchesIdentities()
    {
        RandomRun.Sequences.Sample(steps =>
        {
            var run = new RandomRun();
            foreach (var step in steps)
            {
                run.Run(step);

                var holders = run.Fixture.Security.Positions.Values
                    .GroupBy(position => position.IdentityId)
                    .Count(group => group.Any(position => position.Balance.IsPositive));
                Assert.Equal(holders, run.Fixture.HolderCount);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RandomSequence_Replay_GivesSameDigest()
    {
        RandomRun.Sequences.Sample(steps =>
        {
            var run = new RandomRun();
            foreach (var step in steps)
            {
                run.Run(step);
            }

            var replayed = new RegisterMachine();
            foreach (var recorded in run.Fixture.Journal)
            {
                replayed.Apply(EventCodec.Decode(EventCodec.Encode(recorded)));
            }

            var original = run.Fixture.Register;
            Assert.Equal(Convert.ToHexString(StateDigest.Compute(original.State)), Convert.ToHexString(StateDigest.Compute(replayed.State)));
            Assert.Equal(Describe(original), Describe(replayed));
            Assert.Equal(BalanceTimeline(original, run), BalanceTimeline(replayed, run));
        }, iter: Iterations);
    }

    [Fact]
    public void RandomSequence_PastBalances_NeverChange()
    {
        RandomRun.Sequences.Sample(steps =>
        {
            var run = new RandomRun();
            var register = run.Fixture.Register;
            var security = run.SecurityId;

            // The balances in force at the end of each instant, read from the live state.
            var live = new SortedDictionary<DateTimeOffset, Dictionary<string, Amount>>();

            // Results of BalanceAt and SupplyAt, each read once its instant was over.
            var answered = new Dictionary<DateTimeOffset, Dictionary<string, Amount>>();
            foreach (var step in steps)
            {
                run.Run(step);
                live[run.Fixture.Now] = Snapshot(run, account => run.Fixture.Register.PositionOf(security, account)?.Balance ?? Amount.Zero,
                    run.Fixture.Security.Supply);
                foreach (var instant in live.Keys.Where(instant => instant < run.Fixture.Now && !answered.ContainsKey(instant)))
                {
                    answered[instant] = Snapshot(run, account => register.BalanceAt(security, account, instant), register.SupplyAt(security, instant));
                }
            }

            // Accounts added later are left out: they had no balance at earlier instants anyway.
            foreach (var (instant, balances) in live)
            {
                var now = Reread(register, security, instant, balances.Keys);
                Assert.Equal(Format(balances), Format(now));
                if (answered.TryGetValue(instant, out var earlier))
                {
                    Assert.Equal(Format(earlier), Format(Reread(register, security, instant, earlier.Keys)));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void BatchTransfer_LastLegFails_ChangesNothing()
    {
        var lastLegFailures = 0;
        Gen.Select(RandomRun.Sequences, Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[1, 300]).Sample((steps, from, to, units) =>
        {
            var run = new RandomRun();
            foreach (var step in steps)
            {
                run.Run(step);
            }

            var fixture = run.Fixture;
            if (fixture.Security.Status == Securities.SecurityStatus.Paused)
            {
                fixture.MustExecute(new UnpauseSecurity(fixture.SecurityId));
            }

            fixture.Advance(TimeSpan.FromMinutes(1));
            var sender = run.AccountOf(from);
            var overBalance = Amount.FromUnits(fixture.Balance(sender) + 1);
            var batch = new BatchTransfer(fixture.SecurityId,
            [
                new TransferLeg(run.AccountOf(from), run.AccountOf(to), Amount.FromUnits(units)),
                new TransferLeg(run.AccountOf(to), run.AccountOf(from), Amount.FromUnits(units)),
                new TransferLeg(sender, run.AccountOf(to), overBalance),
            ]);
            var before = Describe(fixture.Register);
            var timelineBefore = BalanceTimeline(fixture.Register, run);

            // Earlier legs may fail on their own in a random state, and the batch must change nothing either way.
            var failures = fixture.AssertRejected(batch);
            if (failures.Any(f => f.Subject?.StartsWith("legs[2]", StringComparison.Ordinal) == true))
            {
                Assert.Contains(Reasons.Reasons.InsufficientBalance.Name, RegisterFixture.Codes(failures));
                Interlocked.Increment(ref lastLegFailures);
            }

            Assert.Equal(before, Describe(fixture.Register));
            Assert.Equal(timelineBefore, BalanceTimeline(fixture.Register, run));
        }, iter: Iterations);

        Assert.True(lastLegFailures > Iterations / 10, $"Only {lastLegFailures} of {Iterations} batches reached the last leg.");
    }

    [Fact]
    public void BatchTransfer_LastLegFails_KeepsLaterResultsSame()
    {
        // A rolled-back batch must leave no trace that a later command could observe.
        Gen.Select(RandomRun.Sequences, RandomRun.Sequences).Sample((prefix, suffix) =>
        {
            var withBatch = new RandomRun();
            var withoutBatch = new RandomRun();
            foreach (var step in prefix)
            {
                withBatch.Run(step);
                withoutBatch.Run(step);
            }

            var fixture = withBatch.Fixture;
            var sender = withBatch.AccountOf(0);
            fixture.Execute(new BatchTransfer(fixture.SecurityId,
            [
                new TransferLeg(sender, withBatch.AccountOf(1), Amount.FromUnits(1)),
                new TransferLeg(sender, withBatch.AccountOf(2), Amount.FromUnits(fixture.Balance(sender) + 1)),
            ]));
            foreach (var step in suffix)
            {
                withBatch.Run(step);
                withoutBatch.Run(step);
            }

            Assert.Equal(Describe(withoutBatch.Fixture.Register), Describe(withBatch.Fixture.Register));
        }, iter: Iterations);
    }

    private static Dictionary<string, Amount> Snapshot(RandomRun run, Func<string, Amount> balanceOf, Amount supply)
    {
        var snapshot = run.AllAccounts.ToDictionary(account => account, balanceOf);
        snapshot[SupplyKey] = supply;
        return snapshot;
    }

    private static Dictionary<string, Amount> Reread(RegisterMachine register, string security, DateTimeOffset instant, IEnumerable<string> keys) =>
        keys.ToDictionary(key => key, key => key == SupplyKey ? register.SupplyAt(security, instant) : register.BalanceAt(security, key, instant));

    private static string Format(Dictionary<string, Amount> balances) =>
        string.Join(" ", balances.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    /// <summary>Describes what the digest leaves out: per-country holder counts, volume-limit outflows and lots.</summary>
    private static string Describe(RegisterMachine register)
    {
        var lines = new List<string> { Convert.ToHexString(StateDigest.Compute(register.State)) };
        foreach (var security in register.State.Securities.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            lines.Add(string.Join(",", security.HoldersByCountry.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}")));
            lines.Add(string.Join(",", security.Holders.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}:{p.Value.Total}:{p.Value.Country}:{p.Value.Accredited}")));
            foreach (var (identity, outflows) in security.Outflows.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                lines.Add($"{identity}: {string.Join(",", outflows.Select(o => $"{o.Amount}@{o.At:O}"))}");
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>Reads every account's balance and the supply at each journal timestamp and one tick after it.</summary>
    private static string BalanceTimeline(RegisterMachine register, RandomRun run)
    {
        var instants = run.Fixture.Journal.Select(e => e.Timestamp).Distinct().SelectMany(t => new[] { t, t.AddTicks(1) });
        var lines = new List<string>();
        foreach (var instant in instants)
        {
            var balances = Snapshot(run, account => register.BalanceAt(run.SecurityId, account, instant), register.SupplyAt(run.SecurityId, instant));
            lines.Add($"{instant:O} {Format(balances)}");
        }

        return string.Join("\n", lines);
    }
}

using CsCheck;
using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Register;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

public sealed class CorporateActionPropertyTests
{
    private const long Iterations = 200;

    private static readonly Actor Agent = RegisterFixture.Agent(Permissions.All);

    [Fact]
    public void SplitThenReverseSplit_RestoresBalances()
    {
        Gen.Select(Gen.Long[2, 50], Gen.Long[0, 100_000].Array[1, 6], Gen.Int[0, 100]).Sample((ratio, balances, frozenPercent) =>
        {
            var fixture = Holders(balances, frozenPercent);
            var before = Describe(fixture);

            fixture.MustExecute(new SplitSecurity(fixture.SecurityId, ratio, 1) { Actor = Agent });
            fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, ratio) { Actor = Agent });

            Assert.Equal(before, Describe(fixture));
            Assert.Empty(Invariants.Check(fixture.Register.State));
        }, iter: Iterations);
    }

    [Fact]
    public void ReverseSplitOnMultiples_ThenSplit_RestoresBalances()
    {
        Gen.Select(Gen.Long[2, 50], Gen.Long[0, 10_000].Array[1, 6]).Sample((ratio, multiples) =>
        {
            var fixture = Holders(multiples, frozenPercent: 0, unit: ratio);
            var before = Describe(fixture);

            var reverse = fixture.MustExecute(new SplitSecurity(fixture.SecurityId, 1, ratio) { Actor = Agent });
            fixture.MustExecute(new SplitSecurity(fixture.SecurityId, ratio, 1) { Actor = Agent });

            Assert.Equal(before, Describe(fixture));
            Assert.Empty(fixture.Register.State.StockEvents[reverse.CreatedId!].Entries);
        }, iter: Iterations);
    }

    /// <summary>
    /// Random votes, changed votes and votes by identities without units at the record instant.
    /// The certified tally must equal a recount that keeps each identity's last accepted choice
    /// per motion and weighs it with the balance read back at the record instant.
    /// </summary>
    [Fact]
    public void CertifiedTally_EqualsNaiveRecount()
    {
        var votes = Gen.Select(Gen.Int[0, 5], Gen.Int[1, 2], Gen.Int[1, 3]).Array[0, 40];
        Gen.Select(Gen.Long[0, 5_000].Array[6], votes, Gen.Int[0, 10_000]).Sample((balances, cast, quorum) =>
        {
            var fixture = Holders(balances, frozenPercent: 0);
            var recordAt = fixture.Now;
            fixture.Advance(TimeSpan.FromMinutes(1));
            fixture.MustExecute(new Issue(fixture.SecurityId, "holder0-1", Amount.FromUnits(777)));
            var ballotId = fixture.MustExecute(new CreateBallot(fixture.SecurityId, "Meeting", recordAt, fixture.Now.AddMinutes(1), fixture.Now.AddDays(1),
                quorum, [new Motion("First", ["a", "b", "c"]), new Motion("Second", ["x", "y", "z"])]) { Actor = Agent }).CreatedId!;
            fixture.Advance(TimeSpan.FromMinutes(1));

            var last = new Dictionary<(string Identity, int Motion), int>();
            foreach (var (holder, motion, choice) in cast)
            {
                var identity = $"holder{holder}";
                fixture.Advance(TimeSpan.FromSeconds(1));
                if (fixture.Execute(new CastVote(ballotId, identity, [new VoteChoice(motion, choice)]) { Actor = Actor.Investor(identity) }).Accepted)
                {
                    last[(identity, motion)] = choice;
                }
            }

            fixture.Advance(TimeSpan.FromDays(1));
            fixture.MustExecute(new CertifyBallot(ballotId) { Actor = Agent });
            var result = fixture.Register.State.Ballots[ballotId].Result!;

            var recount = new Int128[2, 3];
            var voters = new HashSet<string>();
            foreach (var ((identity, motion), choice) in last)
            {
                var weight = fixture.Register.BalanceAt(fixture.SecurityId, identity + "-1", recordAt).Units;
                Assert.True(weight > 0, $"{identity} voted without units at the record instant.");
                recount[motion - 1, choice - 1] += weight;
                voters.Add(identity);
            }

            var turnout = voters.Aggregate(Int128.Zero, (sum, identity) => sum + fixture.Register.BalanceAt(fixture.SecurityId, identity + "-1", recordAt).Units);
            var supply = fixture.Register.SupplyAt(fixture.SecurityId, recordAt).Units;
            for (var m = 0; m < 2; m++)
            {
                Assert.Equal([recount[m, 0], recount[m, 1], recount[m, 2]], result.Motions[m].Weights);
            }

            Assert.Equal(turnout, result.Turnout);
            Assert.Equal(voters.Count, result.Voters);
            Assert.Equal(turnout > 0 && turnout * 10_000 >= supply * quorum, result.QuorumMet);
        }, iter: Iterations);
    }

    /// <summary>
    /// Identities holder0, holder1, ... with accounts "{id}-1". Each gets two lots a second apart,
    /// balance × unit and (balance / 3 + 1) × unit, and then a frozen share of the balance.
    /// </summary>
    private static RegisterFixture Holders(long[] balances, int frozenPercent, long unit = 1)
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0);
        for (var i = 0; i < balances.Length; i++)
        {
            var account = fixture.AddInvestor($"holder{i}");
            if (balances[i] > 0)
            {
                fixture.MustExecute(new Issue(fixture.SecurityId, account, Amount.FromUnits(balances[i] * unit)));
                fixture.Advance(TimeSpan.FromSeconds(1));
                fixture.MustExecute(new Issue(fixture.SecurityId, account, Amount.FromUnits(((balances[i] / 3) + 1) * unit)));
            }

            var frozen = (balances[i] * frozenPercent) / 100;
            if (frozen > 0)
            {
                fixture.MustExecute(new FreezeAmount(fixture.SecurityId, account, Amount.FromUnits(frozen)));
            }
        }

        return fixture;
    }

    private static List<string> Describe(RegisterFixture fixture) =>
        fixture.Security.Positions.Values
            .OrderBy(p => p.AccountId, StringComparer.Ordinal)
            .Select(p => $"{p.AccountId} {p.Balance} frozen={p.Frozen} lots={string.Join(",", p.Lots)}")
            .Append($"supply {fixture.Security.Supply}")
            .ToList();
}

using System.Text.Json;
using CsCheck;
using Registra.Cash;
using Registra.CorporateActions.Distributions;
using Registra.Events;
using Registra.Ledger.Export;
using Registra.Register;
using Registra.Tests.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.CorporateActions;

public sealed class DistributionPropertyTests
{
    private const long Iterations = 150;

    /// <summary>Holders as (units, has a cash account, withholding percent), a gross in cents and the issuer's funding in cents.</summary>
    private static readonly Gen<((long Units, bool Cash, int Percent)[] Holders, long Gross, long Funding)> Cases =
        Gen.Select(
            Gen.Select(Gen.Long[1, 1_000_000], Gen.Int[0, 9], Gen.Int[0, 100], (units, cash, percent) => (units, cash > 0, percent)).Array[1, 40],
            Gen.Long[1, 10_000_000_000],
            Gen.Double[0, 2],
            (holders, gross, ratio) => (holders, gross, (long)(gross * ratio)));

    private static RegisterFixture Build(((long Units, bool Cash, int Percent)[] Holders, long Gross, long Funding) input, int[] order)
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, rules: []);
        foreach (var i in order)
        {
            fixture.AddHolder($"h{i:D3}", input.Holders[i].Units, input.Holders[i].Cash);
        }

        fixture.OpenCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId);
        if (input.Funding > 0)
        {
            fixture.MustExecute(new DepositCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, "USD", Registra.Amounts.Amount.FromUnits(input.Funding)));
        }

        var rates = Enumerable.Range(0, input.Holders.Length).ToDictionary(i => $"h{i:D3}",
            i => input.Holders[i].Percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fixture.MustExecute(new AnnounceDistribution(fixture.SecurityId, DistributionKind.Dividend, "USD", DistributionBasis.Total,
            new Registra.Amounts.Amount(input.Gross).Format(2), fixture.Now, fixture.Now, WithholdingByIdentity: rates, DistributionId: "d1"));
        fixture.Execute(new PayDistribution("d1"));
        return fixture;
    }

    [Fact]
    public void Allocate_AnyWeights_MatchesSortedLargestRemainder()
    {
        Gen.Select(Gen.Long[0, 50].Array[1, 60], Gen.Long[0, 100_000]).Sample((weights, total) =>
        {
            if (weights.Sum() == 0)
            {
                return;
            }

            var shares = DistributionMath.Allocate(total, [.. weights.Select(w => (Int128)w)]);

            // Reference: floor, then one unit each by remainder descending, index ascending, with a full sort.
            var sum = weights.Sum();
            var expected = weights.Select(w => w * total / sum).ToArray();
            var order = Enumerable.Range(0, weights.Length).OrderByDescending(i => weights[i] * total % sum).ThenBy(i => i).ToArray();
            var left = total - expected.Sum();
            for (var i = 0; i < left; i++)
            {
                expected[order[i]]++;
            }

            Assert.True(expected.SequenceEqual(shares.Select(share => (long)share)),
                $"total {total}, weights [{string.Join(",", weights)}]: expected [{string.Join(",", expected)}], got [{string.Join(",", shares)}]");
        }, iter: 2000);
    }

    [Fact]
    public void Payment_AnyFunding_NeverPaysMoreThanFunded()
    {
        Cases.Sample(input =>
        {
            var fixture = Build(input, [.. Enumerable.Range(0, input.Holders.Length)]);
            var distribution = fixture.Distribution("d1");
            var issuer = (long)fixture.Register.State.Cash.BalanceOf(CashAccountKey.OfIssuer(RegisterFixture.IssuerId, "USD")).Units;

            if (input.Funding < input.Gross)
            {
                Assert.Equal(DistributionStatus.Announced, distribution.Status);
                Assert.Equal(input.Funding, issuer);
            }
            else
            {
                Assert.Equal(DistributionStatus.Paid, distribution.Status);
                Assert.Equal(input.Funding - input.Gross, issuer);
            }

            Assert.Empty(Invariants.Check(fixture.Register.State));
        }, iter: Iterations);
    }

    [Fact]
    public void Payment_Funded_LosesNoMinorUnit()
    {
        Cases.Where(input => input.Funding >= input.Gross).Sample(input =>
        {
            var fixture = Build(input, [.. Enumerable.Range(0, input.Holders.Length)]);
            var distribution = fixture.Distribution("d1");

            var net = distribution.Payouts.Aggregate(Int128.Zero, (sum, p) => sum + p.Net);
            var withheld = distribution.Payouts.Aggregate(Int128.Zero, (sum, p) => sum + p.Withheld);
            Assert.Equal(input.Gross, (long)(net + withheld));
            Assert.All(distribution.Payouts, p => Assert.Equal(p.Gross, p.Net + p.Withheld));

            var credited = fixture.Register.State.Cash.Ledgers["USD"].All.Aggregate(Int128.Zero, (sum, a) => sum + a.Balance.Units);
            Assert.Equal(input.Funding, (long)(credited + distribution.Unclaimed.Units));
        }, iter: Iterations);
    }

    [Fact]
    public void Payment_HolderOrder_DoesNotChangePayouts()
    {
        Gen.Select(Cases.Where(input => input.Funding >= input.Gross), Gen.Int).Sample((input, seed) =>
        {
            var forward = Enumerable.Range(0, input.Holders.Length).ToArray();
            var shuffled = forward.ToArray();
            new Random(seed).Shuffle(shuffled);

            var first = Build(input, forward).Distribution("d1").Payouts;
            var second = Build(input, shuffled).Distribution("d1").Payouts;

            Assert.Equal(first, second);
        }, iter: Iterations);
    }

    [Fact]
    public void Journal_ReplayAndSnapshot_RebuildSameState()
    {
        Cases.Where(input => input.Funding >= input.Gross).Sample(input =>
        {
            var fixture = Build(input, [.. Enumerable.Range(0, input.Holders.Length)]);
            fixture.Advance(TimeSpan.FromDays(400));
            fixture.Execute(new ReclaimDistribution("d1"));
            var expected = Convert.ToHexString(StateDigest.Compute(fixture.Register.State));

            var replayed = new RegisterMachine();
            foreach (var ledgerEvent in fixture.Journal)
            {
                replayed.Apply(EventCodec.Decode(EventCodec.Encode(ledgerEvent)));
            }

            var restored = StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State));
            Assert.Equal(expected, Convert.ToHexString(StateDigest.Compute(replayed.State)));
            Assert.Equal(expected, Convert.ToHexString(StateDigest.Compute(restored)));
            Assert.Equal(StateSnapshot.Write(fixture.Register.State), StateSnapshot.Write(restored));
        }, iter: 40);
    }

    [Fact]
    public void Events_JsonExport_ReencodeToSameBytes()
    {
        var input = (new[] { (5L, true, 15), (7L, false, 0), (3L, true, 100) }, 1_000L, 2_000L);
        var fixture = Build(input, [0, 1, 2]);
        fixture.OpenCash(CashOwnerKind.Identity, "h001");
        fixture.MustExecute(new ClaimDistribution("d1", "h001"));
        fixture.MustExecute(new WithdrawCash(CashOwnerKind.Identity, "h001", "USD", Registra.Amounts.Amount.FromUnits(1), "bank"));

        foreach (var ledgerEvent in fixture.Journal)
        {
            var json = JsonSerializer.Serialize(new ExportEvent(ledgerEvent.Sequence, ledgerEvent.Timestamp, ledgerEvent.Payload), JournalJson.Options);
            var parsed = JsonSerializer.Deserialize<ExportEvent>(json, JournalJson.Options)!;

            Assert.Equal(EventCodec.Encode(ledgerEvent), EventCodec.Encode(new LedgerEvent(parsed.Sequence, parsed.Timestamp, parsed.Event)));
        }
    }
}

using System.Globalization;
using CsCheck;
using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Market.Offerings;
using Registra.Register;
using Registra.Tests.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Market.Offerings;

/// <summary>One random step on offerings.</summary>
/// <param name="Kind">
/// 0-4 subscribe or amend, 5 withdraw, 6 freeze or unfreeze the investor, 7 close (early while the
/// window is open), 8 cancel, 9 let two days pass. Once the latest offering has ended, any step but a
/// freeze opens the next one.
/// </param>
/// <param name="Lots">Lots to subscribe or amend to; above the maximum on purpose now and then.</param>
public sealed record OfferingStep(int Kind, int Investor, int Lots);

public sealed class OfferingPropertyTests
{
    private const long Iterations = 150;
    private const long Lot = 10;

    private static readonly Gen<OfferingStep[]> Steps = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 4], Gen.Frequency((2, Gen.Int[1, 6]), (3, Gen.Int[7, 22])),
        (kind, investor, lots) => new OfferingStep(kind, investor, lots)).Array[1, 60];

    /// <summary>An offering world whose rules can make a subscriber ineligible at close: at most four holders, at most 1,500 units each.</summary>
    private static RegisterFixture NewWorld()
    {
        var fixture = OfferingWorld.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(4), new MaxBalanceRule("1500")]);
        fixture.AddInvestor("gus");
        MarketFixture.Fund(fixture, "gus", OfferingWorld.StartingCash);
        fixture.MustExecute(OpenCommand(fixture, 1));
        return fixture;
    }

    private static OpenOffering OpenCommand(RegisterFixture fixture, int number) =>
        new(fixture.SecurityId, $"ipo-{number}", OfferingWorld.Usd, "2.50", "300", fixture.Now, fixture.Now.AddDays(7), "20", "200", LotSize: "10")
        {
            Actor = OfferingWorld.Agent,
        };

    private static string[] Subscribers => [.. OfferingWorld.Investors, "gus"];

    /// <summary>The latest offering, "ipo-N" for N offerings opened.</summary>
    private static Offering Current(RegisterFixture fixture) =>
        fixture.Register.State.Market.Offerings[$"ipo-{fixture.Register.State.Market.Offerings.Count}"];

    /// <summary>Returns the step's command, or null for a step that only lets time pass.</summary>
    private static RegisterCommand? ToCommand(RegisterFixture fixture, OfferingStep step)
    {
        var offering = Current(fixture);
        if (offering.Status != OfferingStatus.Open && step.Kind != 6)
        {
            return OpenCommand(fixture, fixture.Register.State.Market.Offerings.Count + 1);
        }

        var investor = Subscribers[step.Investor];
        var actor = Actor.Investor(investor);
        var quantity = (step.Lots * Lot).ToString(CultureInfo.InvariantCulture);
        switch (step.Kind)
        {
            case 5:
                return new WithdrawSubscription(offering.Id, investor) { Actor = actor };
            case 6:
                var account = investor + "-1";
                return fixture.Register.PositionOf(fixture.SecurityId, account) is { IsFrozen: true }
                    ? new UnfreezeAccount(fixture.SecurityId, account)
                    : new FreezeAccount(fixture.SecurityId, account);
            case 7:
                return new CloseOffering(offering.Id, Early: fixture.Now < offering.Terms.ClosesAt) { Actor = OfferingWorld.Agent };
            case 8:
                return new CancelOffering(offering.Id) { Actor = OfferingWorld.Agent };
            case 9:
                fixture.Advance(TimeSpan.FromDays(2));
                return null;
        }

        return offering.Subscriptions.ContainsKey(investor)
            ? new AmendSubscription(offering.Id, investor, quantity) { Actor = actor }
            : new Subscribe(offering.Id, investor + "-1", quantity) { Actor = actor };
    }

    private static void Run(RegisterFixture fixture, OfferingStep[] steps, Action<RegisterFixture, CommandResult> afterEach)
    {
        foreach (var step in steps)
        {
            if (ToCommand(fixture, step) is { } command)
            {
                afterEach(fixture, fixture.Execute(command));
            }
        }
    }

    [Fact]
    public void OfferingFlow_EveryStep_ConservesCashAndUnits()
    {
        Steps.Sample(steps =>
        {
            var fixture = NewWorld();
            var cash = OfferingWorld.TotalCash(fixture);
            var supply = fixture.Supply;
            Run(fixture, steps, (f, result) =>
            {
                Assert.Empty(Invariants.Check(f.Register.State));
                Assert.Equal(cash, OfferingWorld.TotalCash(f));

                var offerings = f.Register.State.Market.Offerings.Values;
                Assert.Equal(supply + offerings.Sum(o => (long)o.Allocated.Units), f.Supply);
                Assert.All(offerings, o => Assert.True(o.Allocated <= o.Terms.Cap));
                Assert.All(f.Security.Holders.Values, holder => Assert.True(holder.Total <= Amount.FromUnits(1500)));
                Assert.True(f.HolderCount <= 4);
                Assert.Equal(
                    offerings.Sum(o => (long)o.Raised.Units),
                    (long)f.Register.State.Cash.BalanceOf(Cash.CashAccountKey.OfIssuer(RegisterFixture.IssuerId, OfferingWorld.Usd)).Units);
                if (result.Events.OfType<OfferingClosed>().SingleOrDefault() is { } closed)
                {
                    Assert.Equal(closed.Allocated, result.Events.OfType<Issued>().Aggregate(Int128.Zero, (sum, e) => sum + e.Units));
                }
            });
        }, iter: Iterations);
    }

    [Fact]
    public void OfferingFlow_Replay_RebuildsSameDigest()
    {
        Steps.Sample(steps =>
        {
            var fixture = NewWorld();
            Run(fixture, steps, (_, _) => { });

            // Every event goes through its canonical bytes, as the journal stores it.
            var replayed = new RegisterMachine();
            foreach (var ledgerEvent in fixture.Journal)
            {
                replayed.Apply(EventCodec.Decode(EventCodec.Encode(ledgerEvent)));
            }

            var restored = StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State));
            var expected = Convert.ToHexString(StateDigest.Compute(fixture.Register.State));
            Assert.Equal(expected, Convert.ToHexString(StateDigest.Compute(replayed.State)));
            Assert.Equal(expected, Convert.ToHexString(StateDigest.Compute(restored)));
            Assert.Equal(Describe(fixture.Register.State), Describe(replayed.State));
            Assert.Equal(Describe(fixture.Register.State), Describe(restored));
        }, iter: Iterations);
    }

    /// <summary>Every offering field the digest may not cover, as text.</summary>
    private static string Describe(RegisterState state) =>
        string.Join("\n", state.Market.Offerings.Values.OrderBy(o => o.Id, StringComparer.Ordinal).Select(o =>
            $"{o.Id} {o.Status} {o.NextPriority} {o.Escrow} {o.Subscribed} {o.EndedAt:O} {o.EndedBy} {o.ClosedEarly} {o.OpenedAt:O} "
            + string.Join(",", o.Subscriptions.Values.OrderBy(s => s.IdentityId, StringComparer.Ordinal))
            + " | " + string.Join(",", o.Allocations)));
}

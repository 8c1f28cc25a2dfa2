using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.CorporateActions.Ballots;
using Registra.CorporateActions.StockEvents;
using Registra.Market.OrderBook;
using Registra.Market.Settlement;
using Registra.Events;
using Registra.Identities;
using Registra.Register;
using Registra.Securities;
using Registra.Tests.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Snapshots;

public sealed class StateSnapshotTests
{
    private const long Iterations = 150;
    private const string SecondIssuer = "kyc-two";

    private static readonly Actor AllPowers = RegisterFixture.Agent(Permissions.All);

    [Fact]
    public void RoundTrip_RandomRegister_KeepsEveryField()
    {
        RandomRun.Sequences.Sample(steps =>
        {
            var run = BuildRich(steps);
            var original = run.Fixture.Register.State;

            var bytes = StateSnapshot.Write(original);
            var restored = StateSnapshot.Read(bytes);

            Assert.Equal(Convert.ToHexString(StateDigest.Compute(original)), Convert.ToHexString(StateDigest.Compute(restored)));
            Assert.Equal(Describe(original), Describe(restored));
            Assert.Equal(DescribeHistories(original), DescribeHistories(restored));
            Assert.Equal(bytes, StateSnapshot.Write(restored));
        }, iter: Iterations);
    }

    [Fact]
    public void RoundTrip_FurtherCommands_GiveSameResults()
    {
        Gen.Select(RandomRun.Sequences, RandomRun.Sequences).Sample((prefix, suffix) =>
        {
            var run = BuildRich(prefix);
            var original = run.Fixture.Register;
            var restored = new RegisterMachine(StateSnapshot.Read(StateSnapshot.Write(original.State)));

            // Another claim makes both registers reclassify Bob, whose first valid jurisdiction
            // claim depends on the order his claims were added in.
            var claim = new AddClaim("bob", "bob-kyc-extra", ClaimTypes.Kyc, "true", RegisterFixture.ClaimIssuerId, run.Fixture.Now);
            AssertSameResult(claim, run.Fixture.Now, original, restored);

            foreach (var step in suffix.Where(step => step.Kind != RandomRun.RecoveryKind))
            {
                run.Fixture.Advance(TimeSpan.FromMinutes(step.Minutes));
                AssertSameResult(run.ToCommand(step), run.Fixture.Now, original, restored);
            }

            AssertSameResult(new RecoverAccount(run.AccountOf(0), "carol-1") { Actor = AllPowers }, run.Fixture.Now, original, restored);
            Assert.Equal(Describe(original.State), Describe(restored.State));
            Assert.Equal(DescribeHistories(original.State), DescribeHistories(restored.State));
        }, iter: Iterations);
    }

    [Fact]
    public void Capture_LaterCommands_KeepCapturedBytes()
    {
        Gen.Select(RandomRun.Sequences, RandomRun.Sequences).Sample((prefix, suffix) =>
        {
            var run = BuildRich(prefix);
            var register = run.Fixture.Register;
            var expected = StateSnapshot.Write(register.State);
            var capture = StateSnapshot.Capture(register.State);

            // The first commands run at the instant of the last captured ones, so they rewrite the
            // last history entries in place. Later ones append and grow the history arrays.
            foreach (var step in suffix)
            {
                register.Execute(run.ToCommand(step), run.Fixture.Now);
                run.Fixture.Advance(TimeSpan.FromMinutes(step.Minutes));
            }

            Assert.Equal(expected, capture.Complete());
        }, iter: Iterations);
    }

    [Fact]
    public void Capture_ReusedBuffer_GivesSameBytesAsWrite()
    {
        var fixture = RegisterFixture.Create();
        var buffer = new ArrayBufferWriter<byte>(16);

        var first = StateSnapshot.Capture(fixture.Register.State, buffer).Complete();
        fixture.Advance(TimeSpan.FromMinutes(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Amount.FromUnits(3)));
        var second = StateSnapshot.Capture(fixture.Register.State, buffer).Complete();

        Assert.NotEqual(first, second);
        Assert.Equal(StateSnapshot.Write(fixture.Register.State), second);
    }

    [Fact]
    public void Capture_LongLotList_KeepsCapturedLots()
    {
        var fixture = RegisterFixture.Create(alice: 1000, bob: 500);
        const int received = SnapshotCapture.InlineLots + 36;
        for (var i = 0; i < received; i++)
        {
            fixture.Advance(TimeSpan.FromMinutes(1));
            fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Amount.FromUnits(2)));
        }

        var expected = StateSnapshot.Write(fixture.Register.State);
        var capture = StateSnapshot.Capture(fixture.Register.State);

        // Bob spends his first lot (500), the next (2) and half of the third: two lots leave the
        // front of his list and the third is rewritten in place.
        fixture.Advance(TimeSpan.FromMinutes(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Bob, RegisterFixture.Alice, Amount.FromUnits(503)));

        Assert.Equal(received - 1, fixture.Register.PositionOf(fixture.SecurityId, RegisterFixture.Bob)!.Lots.Count);
        Assert.Equal(expected, capture.Complete());
        var restored = new RegisterMachine(StateSnapshot.Read(expected)).PositionOf(fixture.SecurityId, RegisterFixture.Bob)!;
        Assert.Equal(received + 1, restored.Lots.Count);
        Assert.Equal(Amount.FromUnits(500), restored.Lots[0].Amount);
        Assert.Equal(Amount.FromUnits(2), restored.Lots[^1].Amount);
    }

    [Fact]
    public void WarmUp_SampleRegister_RoundTrips()
    {
        // The sample has the rules of every preset, so a rule that cannot be written or read back fails here.
        var error = Record.Exception(StateSnapshot.WarmUp);

        Assert.Null(error);
    }

    [Fact]
    public void Capture_CompletedTwice_IsRejected()
    {
        var capture = StateSnapshot.Capture(RegisterFixture.Create().Register.State);
        capture.Complete();

        var error = Assert.Throws<InvalidOperationException>(() => capture.Complete());
        Assert.Contains("already completed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_EmptyRegister_ReadsBack()
    {
        var empty = new RegisterState();

        var restored = StateSnapshot.Read(StateSnapshot.Write(empty));

        Assert.Equal(0, restored.LastSequence);
        Assert.Equal(DateTimeOffset.UnixEpoch, restored.LastTimestamp);
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(empty)), Convert.ToHexString(StateDigest.Compute(restored)));
    }

    [Fact]
    public void RoundTrip_RestoredHistory_AcceptsNewEntries()
    {
        var fixture = RegisterFixture.Create();
        var restored = new RegisterMachine(StateSnapshot.Read(StateSnapshot.Write(fixture.Register.State)));

        // Histories with one entry come back with spare capacity, so recording more must not fail.
        for (var i = 1; i <= 5; i++)
        {
            var result = restored.Execute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Amount.FromUnits(1)),
                fixture.Now.AddMinutes(i));
            Assert.True(result.Accepted, string.Join("; ", result.Failures));
        }

        Assert.Equal(6, restored.State.Securities[fixture.SecurityId].Positions[RegisterFixture.Bob].History.Count);
        Assert.Equal(Amount.FromUnits(995), restored.BalanceAt(fixture.SecurityId, RegisterFixture.Alice, fixture.Now.AddMinutes(5)));
    }

    [Fact]
    public void RoundTrip_BalanceStepsBeyondLongRange_KeepHistory()
    {
        var fixture = RegisterFixture.Create(alice: 0, bob: 0, decimals: 18);
        var huge = new Amount(Int128.Parse("170141183460469231731687303715", CultureInfo.InvariantCulture));
        fixture.MustExecute(new Issue(fixture.SecurityId, RegisterFixture.Alice, huge));
        fixture.Advance(TimeSpan.FromMinutes(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, huge.Minus(Amount.FromUnits(7))));
        fixture.Advance(TimeSpan.FromMinutes(1));
        fixture.MustExecute(new Transfer(fixture.SecurityId, RegisterFixture.Alice, RegisterFixture.Bob, Amount.FromUnits(7)));

        var bytes = StateSnapshot.Write(fixture.Register.State);
        var restored = new RegisterMachine(StateSnapshot.Read(bytes));

        Assert.Equal(DescribeHistories(fixture.Register.State), DescribeHistories(restored.State));
        Assert.Equal(huge.Minus(Amount.FromUnits(7)), restored.BalanceAt(fixture.SecurityId, RegisterFixture.Bob, fixture.Now.AddSeconds(-30)));
        Assert.Equal(Amount.FromUnits(7), restored.BalanceAt(fixture.SecurityId, RegisterFixture.Alice, fixture.Now.AddSeconds(-30)));
        Assert.Equal(Amount.Zero, restored.BalanceAt(fixture.SecurityId, RegisterFixture.Alice, fixture.Now));
    }

    [Fact]
    public void Read_FlippedByte_IsRejected()
    {
        var bytes = StateSnapshot.Write(RegisterFixture.Create().Register.State);

        // Every position after the header: body bytes and hash bytes alike.
        for (var i = 8; i < bytes.Length; i += 7)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[i] ^= 0x01;

            var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(corrupt));
            Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_Truncated_IsRejected()
    {
        var bytes = StateSnapshot.Write(RegisterFixture.Create().Register.State);

        foreach (var length in new[] { 0, 5, 8, 39, 40, bytes.Length / 2, bytes.Length - 1 })
        {
            var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(bytes.AsSpan(0, length)));
            Assert.Matches("shorter than|SHA-256|magic", error.Message);
        }
    }

    [Fact]
    public void Read_WrongMagic_IsRejected()
    {
        var bytes = StateSnapshot.Write(RegisterFixture.Create().Register.State);
        bytes[0] = (byte)'X';

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(bytes));

        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownVersion_IsRejected()
    {
        var bytes = StateSnapshot.Write(RegisterFixture.Create().Register.State);
        bytes[6] = StateSnapshot.FormatVersion + 1;

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(bytes));

        Assert.Contains($"format version {StateSnapshot.FormatVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedBodyWithValidHash_IsRejected()
    {
        var bytes = StateSnapshot.Write(RegisterFixture.Create().Register.State);

        // Cut the body short and append a matching hash, as a writer bug would.
        var body = bytes.AsSpan(0, bytes.Length / 2).ToArray();
        var resealed = body.Concat(SHA256.HashData(body)).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(resealed));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytesWithValidHash_AreRejected()
    {
        var bytes = StateSnapshot.Write(RegisterFixture.Create().Register.State);
        var body = bytes.AsSpan(0, bytes.Length - SHA256.HashSizeInBytes).ToArray().Append((byte)0).ToArray();
        var resealed = body.Concat(SHA256.HashData(body)).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(resealed));

        Assert.Contains("left over", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the random steps, then adds what <see cref="RandomRun"/> never does: a second security
    /// with a symbol, terms, a supply cap, two trusted issuers, an approval queue with pending,
    /// approved and denied transfers and a 3:2 split, a revoked claim, and two jurisdiction claims
    /// for Bob whose ids sort in the opposite order to the order they were added.
    /// </summary>
    private static RandomRun BuildRich(RandomStep[] steps)
    {
        var run = new RandomRun();
        var fixture = run.Fixture;
        foreach (var step in steps)
        {
            run.Run(step);
        }

        fixture.Advance(TimeSpan.FromMinutes(1));
        fixture.MustExecute(new RegisterClaimIssuer(SecondIssuer, "KYC Two"));
        fixture.MustExecute(new AddClaim("bob", "z-jurisdiction", ClaimTypes.Jurisdiction, "US", RegisterFixture.ClaimIssuerId, fixture.Now));
        fixture.MustExecute(new AddClaim("bob", "a-jurisdiction", ClaimTypes.Jurisdiction, "DE", RegisterFixture.ClaimIssuerId, fixture.Now,
            fixture.Now.AddYears(5)));
        fixture.MustExecute(new RevokeClaim("judy", "judy-accredited-3"));

        var terms = new Dictionary<string, string> { ["seniority"] = "senior", ["coupon"] = "4.5%" };
        var second = fixture.MustExecute(new CreateSecurity(RegisterFixture.IssuerId, "Acme Notes", AssetClass.Debt, 2,
            Amount.FromUnits(50_000_000), "ACMN", Terms: terms)).CreatedId!;
        fixture.MustExecute(new AddTrustedIssuer(second, RegisterFixture.ClaimIssuerId));
        fixture.MustExecute(new AddTrustedIssuer(second, SecondIssuer));
        fixture.MustExecute(new SetRules(second, [new IdentityVerifiedRule([ClaimTypes.Kyc]), new IssuerApprovalRule("P7D")]));

        var alice = run.AccountOf(0);
        var bob = run.AccountOf(1);
        fixture.MustExecute(new Issue(second, alice, Amount.FromUnits(10_001)));
        fixture.Advance(TimeSpan.FromMinutes(5));
        var queued = Enumerable.Range(1, 3)
            .Select(i => fixture.MustExecute(new Transfer(second, alice, bob, Amount.FromUnits(100 * i))).CreatedId!)
            .ToList();
        fixture.Advance(TimeSpan.FromMinutes(5));
        fixture.MustExecute(new ApproveTransfer(queued[0]) { Actor = AllPowers });
        fixture.MustExecute(new DenyTransfer(queued[1], "missing paperwork") { Actor = AllPowers });
        fixture.Advance(TimeSpan.FromMinutes(5));

        // The issuer funds the cash in lieu of the split's and the dividend's fractions.
        Registra.Tests.CorporateActions.CashSteps.FundIssuer(fixture, "100000");
        Registra.Tests.CorporateActions.CashSteps.FundIssuer(fixture, "100000", "EUR");
        fixture.MustExecute(new SplitSecurity(second, 3, 2, new CashInLieuPrice("USD", 1000)) { Actor = AllPowers });

        // A certified ballot, an open one and a stock dividend, so that snapshots carry corporate actions too.
        var recordAt = fixture.Now;
        fixture.Advance(TimeSpan.FromMinutes(1));
        Motion[] motions = [new("Approve the merger", ["for", "against", "abstain"]), new("Elect the board", ["slate A", "slate B"])];
        var certified = fixture.MustExecute(new CreateBallot(second, "Annual meeting", recordAt, fixture.Now.AddMinutes(1), fixture.Now.AddHours(1),
            5100, motions) { Actor = AllPowers }).CreatedId!;
        var open = fixture.MustExecute(new CreateBallot(second, "Special meeting", recordAt, fixture.Now.AddMinutes(1), fixture.Now.AddDays(30),
            0, motions) { Actor = AllPowers }).CreatedId!;
        fixture.Advance(TimeSpan.FromMinutes(2));
        fixture.MustExecute(new CastVote(certified, "alice", [new VoteChoice(1, 2), new VoteChoice(2, 1)]));
        fixture.MustExecute(new CastVote(open, "alice", [new VoteChoice(2, 2)]));
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new CertifyBallot(certified) { Actor = AllPowers });
        fixture.MustExecute(new DeclareStockDividend(second, 1, 7, recordAt, new CashInLieuPrice("EUR", 250)) { Actor = AllPowers });

        AddMarket(fixture, alice, bob);
        return run;
    }

    /// <summary>Adds a third security with an order book holding orders on both sides, a hold and a half-affirmed instruction.</summary>
    private static void AddMarket(RegisterFixture fixture, string alice, string bob)
    {
        var third = fixture.MustExecute(new CreateSecurity(RegisterFixture.IssuerId, "Acme Preferred", AssetClass.Equity, 0)).CreatedId!;
        fixture.MustExecute(new AddTrustedIssuer(third, RegisterFixture.ClaimIssuerId));
        fixture.MustExecute(new SetRules(third, [new IdentityVerifiedRule([ClaimTypes.Kyc])]));
        fixture.MustExecute(new Issue(third, alice, Amount.FromUnits(1000)));
        fixture.MustExecute(new Issue(third, bob, Amount.FromUnits(1000)));
        fixture.MustExecute(new ConfigureMarket(third, "CHF", Amount.FromUnits(1), Amount.FromUnits(1)));
        foreach (var account in new[] { alice, bob })
        {
            var identity = fixture.Register.State.Accounts[account].IdentityId;
            fixture.MustExecute(new Registra.Cash.OpenCashAccount(Registra.Cash.CashOwnerKind.Identity, identity, "CHF"));
            fixture.MustExecute(new Registra.Cash.DepositCash(Registra.Cash.CashOwnerKind.Identity, identity, "CHF", Amount.FromUnits(10_000_000)));
        }


        static PlaceOrder Limit(string security, string account, OrderSide side, long quantity, long price) =>
            new(security, account, side, OrderType.Limit, TimeInForce.GoodTillCancelled, Amount.FromUnits(quantity), Amount.FromUnits(price));
        fixture.MustExecute(Limit(third, alice, OrderSide.Sell, 100, 1000));
        fixture.MustExecute(Limit(third, alice, OrderSide.Sell, 50, 1100));
        fixture.MustExecute(Limit(third, bob, OrderSide.Sell, 70, 1000));
        fixture.MustExecute(Limit(third, bob, OrderSide.Buy, 30, 900));
        fixture.MustExecute(Limit(third, bob, OrderSide.Buy, 20, 1000));
        fixture.MustExecute(new CreateHold("rich-hold", third, alice, bob, Amount.FromUnits(100), fixture.Now.AddDays(1)));
        fixture.MustExecute(new CreateInstruction("rich-dvp", [new SettlementLeg(LegKind.Token, third, bob, alice, Amount.FromUnits(5))],
            fixture.Now.AddDays(1)));
        fixture.MustExecute(new AffirmInstruction("rich-dvp", fixture.Register.State.Accounts[alice].IdentityId));
    }

    private static void AssertSameResult(RegisterCommand command, DateTimeOffset now, RegisterMachine original, RegisterMachine restored)
    {
        var first = original.Execute(command, now);
        var second = restored.Execute(command, now);

        Assert.Equal(first.Accepted, second.Accepted);
        Assert.Equal(string.Join("; ", first.Failures), string.Join("; ", second.Failures));
        Assert.Equal(first.CreatedId, second.CreatedId);
        Assert.Equal(EncodeEvents(first, now), EncodeEvents(second, now));
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(original.State)), Convert.ToHexString(StateDigest.Compute(restored.State)));
    }

    private static string EncodeEvents(CommandResult result, DateTimeOffset now) =>
        string.Join(",", result.Events.Select(e => Convert.ToHexString(EventCodec.Encode(new LedgerEvent(1, now, e)))));

    /// <summary>Describes every field, in ordinal id order except claims, whose enumeration order matters.</summary>
    private static string Describe(RegisterState state)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{state.LastSequence} {state.LastTimestamp:O}");
        foreach (var issuer in state.Issuers.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"issuer {issuer}");
        }

        foreach (var (id, name) in state.ClaimIssuers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"claim issuer {id} {name}");
        }

        foreach (var identity in state.Identities.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"identity {identity.Id} {identity.Kind} {identity.Name} [{string.Join(",", identity.Accounts)}]");
            foreach (var claim in identity.Claims.Values)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {claim} revoked={claim.Revoked}");
            }
        }

        foreach (var account in state.Accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"account {account.Id} {account.IdentityId} {account.RecoveredTo}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"securities {string.Join(",", state.Securities.Keys)}");
        foreach (var security in state.Securities.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            DescribeSecurity(text, security);
        }

        foreach (var pending in state.PendingTransfers.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"pending {pending.Id} {pending.SecurityId} {pending.FromAccountId}->{pending.ToAccountId} {pending.Amount} {pending.ExpiresAt:O} {pending.Status}");
        }

        foreach (var ballot in state.Ballots.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"ballot {ballot.Id} {ballot.SecurityId} {ballot.Title} {ballot.RecordAt:O} {ballot.OpensAt:O} {ballot.ClosesAt:O} {ballot.QuorumBasisPoints} {string.Join("|", ballot.Motions.Select(m => $"{m.Title}:{string.Join(",", m.Choices)}"))}");
            foreach (var (identityId, voter) in ballot.Voters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  vote {identityId} {voter.Weight} {string.Join(",", voter.Choices)}");
            }

            if (ballot.Result is { } result)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  result {result.AsOfSequence} {result.SupplyAtRecord} {result.Turnout} {result.Voters} {result.QuorumMet} {string.Join("|", result.Motions.Select(m => $"{string.Join(",", m.Weights)}>{m.Winner}"))}");
            }
        }

        foreach (var record in state.StockEvents.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"stock event {record.Id} {record.SecurityId} {record.Kind} {record.Numerator}:{record.Denominator} {record.At:O} {record.RecordAt:O} {record.CashInLieu} {string.Join(",", record.Entries)}");
        }

        return text.ToString();
    }

    private static void DescribeSecurity(StringBuilder text, SecurityState security)
    {
        var definition = security.Definition;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"security {definition.Id} {definition.IssuerId} {definition.Name} {definition.Symbol} {definition.AssetClass} {definition.Decimals} {definition.SupplyCap}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  identifiers {string.Join(",", definition.Identifiers.OrderBy(p => p.Key, StringComparer.Ordinal))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  terms {string.Join(",", definition.Terms.OrderBy(p => p.Key, StringComparer.Ordinal))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {security.Status} supply={security.Supply} cap={security.SupplyCap} rules v{security.Rules.Version} {RuleSet.ToJson(security.Rules.Rules)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  trusted {string.Join(",", security.TrustedIssuers.Order(StringComparer.Ordinal))}");
        foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  position {position.AccountId} {position.IdentityId} {position.Balance} frozen={position.Frozen} {position.IsFrozen} lots={string.Join(",", position.Lots)}");
        }

        foreach (var (identityId, entry) in security.Holders.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  holder {identityId} {entry.Total} {entry.Country} {entry.Accredited}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  by country {string.Join(",", security.HoldersByCountry.OrderBy(p => p.Key, StringComparer.Ordinal))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  non-accredited {security.NonAccreditedHolders}");
        foreach (var (identityId, outflows) in security.Outflows.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  outflows {identityId} {string.Join(",", outflows.Select(o => $"{o.Amount}@{o.At:O}"))}");
        }
    }

    /// <summary>
    /// Reads every position's history and the supply history at each recorded instant of any
    /// history, one tick before and after it, and at both ends of time.
    /// </summary>
    private static string DescribeHistories(RegisterState state)
    {
        var histories = state.Securities.Values
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .SelectMany(s => s.Positions.Values
                .OrderBy(p => p.AccountId, StringComparer.Ordinal)
                .Select(p => (Name: $"{s.Id}/{p.AccountId}", p.History))
                .Prepend((Name: $"{s.Id}/supply", History: s.SupplyHistory)))
            .ToList();
        var ticks = histories.SelectMany(h => h.History.Ticks.ToArray())
            .SelectMany(t => new[] { t - 1, t, t + 1 })
            .Append(DateTimeOffset.MinValue.UtcTicks)
            .Append(DateTimeOffset.MaxValue.UtcTicks)
            .Distinct()
            .Order()
            .ToList();

        var text = new StringBuilder();
        foreach (var (name, history) in histories)
        {
            var balances = ticks.Select(t => history.At(new DateTimeOffset(t, TimeSpan.Zero)).ToString());
            text.AppendLine(CultureInfo.InvariantCulture, $"{name} count={history.Count} {string.Join(",", balances)}");
        }

        return text.ToString();
    }
}

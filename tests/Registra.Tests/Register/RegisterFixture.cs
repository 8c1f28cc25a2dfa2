using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Events;
using Registra.Identities;
using Registra.Reasons;
using Registra.Register;
using Registra.Securities;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Register;

/// <summary>
/// A register with issuer "acme", one security, claim issuer "kyc-co" trusted for it, and
/// verified investors Alice (account alice-1) and Bob (bob-1). Carol (carol-1) has no
/// identity on the platform. Every investor added here gets a KYC claim from kyc-co.
/// </summary>
public sealed class RegisterFixture
{
    public const string IssuerId = "acme";
    public const string ClaimIssuerId = "kyc-co";
    public const string Alice = "alice-1";
    public const string Bob = "bob-1";
    public const string Carol = "carol-1";

    public static readonly DateTimeOffset DefaultStart = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private RegisterFixture(RegisterMachine register, DateTimeOffset start)
    {
        Register = register;
        Now = start;
    }

    public RegisterMachine Register { get; }

    public string SecurityId { get; private set; } = string.Empty;

    /// <summary>Ledger time passed to every command. It only moves forward.</summary>
    public DateTimeOffset Now { get; private set; }

    public SecurityState Security => Register.State.Securities[SecurityId];

    public int HolderCount => Security.HolderCount;

    /// <summary>
    /// Builds the register. Alice and Bob are issued their balances (none when zero) under a
    /// single KYC check, and then the given rules, if any, replace that check.
    /// </summary>
    public static RegisterFixture Create(
        long alice = 1000,
        long bob = 500,
        int decimals = 0,
        Amount? supplyCap = null,
        IReadOnlyList<Rule>? rules = null,
        DateTimeOffset? start = null)
    {
        var fixture = new RegisterFixture(new RegisterMachine(), start ?? DefaultStart);
        fixture.MustExecute(new CreateIssuer(IssuerId, "Acme Corp"));
        fixture.SecurityId = fixture.MustExecute(
            new CreateSecurity(IssuerId, "Acme Common", AssetClass.Equity, decimals, supplyCap)).CreatedId!;
        fixture.MustExecute(new RegisterClaimIssuer(ClaimIssuerId, "KYC Co"));
        fixture.MustExecute(new AddTrustedIssuer(fixture.SecurityId, ClaimIssuerId));
        fixture.AddInvestor("alice");
        fixture.AddInvestor("bob");
        fixture.SetRules(new IdentityVerifiedRule([ClaimTypes.Kyc]));
        if (alice > 0)
        {
            fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Amount.FromUnits(alice)));
        }

        if (bob > 0)
        {
            fixture.MustExecute(new Issue(fixture.SecurityId, Bob, Amount.FromUnits(bob)));
        }

        if (rules is not null)
        {
            fixture.SetRules([.. rules]);
        }

        return fixture;
    }

    /// <summary>An agent of the issuer holding the given permissions.</summary>
    public static Actor Agent(Permissions permissions) => Actor.Agent("agent-1", IssuerId, permissions);

    /// <summary>
    /// Registers an identity with account "{identityId}-1", a KYC claim from kyc-co valid
    /// from a year before now, and the extra claims given as (type, value) pairs.
    /// Returns the account id.
    /// </summary>
    public string AddInvestor(string identityId, params (string Type, string Value)[] claims)
    {
        MustExecute(new RegisterIdentity(identityId, IdentityKind.Individual, identityId));
        var accountId = identityId + "-1";
        MustExecute(new AddAccount(identityId, accountId));
        AddClaim(identityId, ClaimTypes.Kyc, "true");
        foreach (var (type, value) in claims)
        {
            AddClaim(identityId, type, value);
        }

        return accountId;
    }

    /// <summary>Adds a claim from kyc-co valid from a year before now until the given instant, or without end.</summary>
    public string AddClaim(string identityId, string type, string value, DateTimeOffset? validUntil = null, string issuerId = ClaimIssuerId)
    {
        var claimId = $"{identityId}-{type}-{Register.State.Identities[identityId].Claims.Count + 1}";
        MustExecute(new AddClaim(identityId, claimId, type, value, issuerId, Now.AddYears(-1), validUntil));
        return claimId;
    }

    public void SetRules(params Rule[] rules) => MustExecute(new SetRules(SecurityId, rules));

    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"Ledger time cannot go back from {Now:O}.");
        }

        Now = instant;
    }

    public void Advance(TimeSpan duration) => AdvanceTo(Now + duration);

    /// <summary>Every accepted event so far, numbered as the register numbered it, for replay tests.</summary>
    public List<LedgerEvent> Journal { get; } = [];

    /// <summary>Executes the command at <see cref="Now"/> and appends its events to <see cref="Journal"/> when accepted.</summary>
    public CommandResult Execute(RegisterCommand command)
    {
        var result = Register.Execute(command, Now);
        var first = Register.State.LastSequence - result.Events.Count + 1;
        for (var i = 0; i < result.Events.Count; i++)
        {
            Journal.Add(new LedgerEvent(first + i, Now, result.Events[i]));
        }

        return result;
    }

    /// <summary>Executes the command and fails the test, listing the failures, unless it was accepted.</summary>
    public CommandResult MustExecute(RegisterCommand command)
    {
        var result = Execute(command);
        Assert.True(result.Accepted, $"{command.GetType().Name} was rejected: {string.Join("; ", result.Failures)}");
        return result;
    }

    /// <summary>
    /// Executes a command that must be rejected with the reason code, and checks that
    /// nothing changed as <see cref="AssertRejected(RegisterCommand)"/> does. Returns the failures.
    /// </summary>
    public IReadOnlyList<Failure> AssertRejected(RegisterCommand command, ReasonCode expected)
    {
        var failures = AssertRejected(command);

        Assert.Contains(expected.Name, Codes(failures));
        return failures;
    }

    /// <summary>
    /// Executes a command that must be rejected for any reason, and checks that the state
    /// digest, the last sequence number, every position (balance, frozen amount, frozen
    /// flag, lots) and every holder count are as before. Returns the failures.
    /// </summary>
    public IReadOnlyList<Failure> AssertRejected(RegisterCommand command)
    {
        var digestBefore = StateDigest.Compute(Register.State);
        var sequenceBefore = Register.State.LastSequence;
        var positionsBefore = DescribePositions();
        var holdersBefore = Register.State.Securities.Values.Select(s => s.HolderCount).ToList();

        var result = Execute(command);

        Assert.False(result.Accepted, $"{command.GetType().Name} was accepted but should be rejected.");
        Assert.Empty(result.Events);
        Assert.Equal(sequenceBefore, Register.State.LastSequence);
        Assert.Equal(positionsBefore, DescribePositions());
        Assert.Equal(holdersBefore, Register.State.Securities.Values.Select(s => s.HolderCount).ToList());
        Assert.Equal(Convert.ToHexString(digestBefore), Convert.ToHexString(StateDigest.Compute(Register.State)));
        return result.Failures;
    }

    public long Balance(string accountId) => Register.PositionOf(SecurityId, accountId)?.Balance.Units is { } units ? (long)units : 0;

    public long Frozen(string accountId) => Register.PositionOf(SecurityId, accountId)?.Frozen.Units is { } units ? (long)units : 0;

    public long Supply => (long)Security.Supply.Units;

    /// <summary>Returns the codes of the failures, in order.</summary>
    public static List<string> Codes(IEnumerable<Failure> failures) => failures.Select(f => f.Code.Name).ToList();

    /// <summary>Lists every position as "security/account balance frozen isFrozen lots", for before-and-after comparisons.</summary>
    private List<string> DescribePositions() =>
        Register.State.Securities.Values
            .SelectMany(s => s.Positions.Values.Select(p =>
                $"{s.Id}/{p.AccountId} {p.Balance} {p.Frozen} {p.IsFrozen} {string.Join(",", p.Lots.Select(l => $"{l.Amount}@{l.AcquiredAt:O}"))}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}

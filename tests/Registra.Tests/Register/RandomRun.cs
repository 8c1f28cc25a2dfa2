using CsCheck;
using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Register;

namespace Registra.Tests.Register;

/// <summary>One random operation. Its indexes pick identities, whose open accounts are looked up when it runs.</summary>
public sealed record RandomStep(int Kind, int From, int To, int Units, int Minutes);

/// <summary>
/// Runs random operation sequences against a register with five identities: Alice, Bob,
/// Ivan (DE), Judy (FR, accredited) and Omar, who has no KYC claim. Rules: KYC for both
/// sides, at most 4 holders, at most 2 holders in DE, at most 3000 per identity and at
/// most 1500 sent per identity per rolling 24 hours.
/// </summary>
public sealed class RandomRun
{
    public const int KindCount = 11;
    public const int RecoveryKind = 8;

    private static readonly string[] IdentityIds = ["alice", "bob", "ivan", "judy", "omar"];

    private readonly string[] _accounts;
    private int _recoveries;

    public RandomRun()
    {
        Fixture = RegisterFixture.Create();
        Fixture.AddInvestor("ivan", (ClaimTypes.Jurisdiction, "DE"));
        Fixture.AddInvestor("judy", (ClaimTypes.Jurisdiction, "FR"), (ClaimTypes.Accredited, "true"));
        Fixture.MustExecute(new RegisterIdentity("omar", IdentityKind.Individual, "Omar"));
        Fixture.MustExecute(new AddAccount("omar", "omar-1"));
        Fixture.SetRules(
            new IdentityVerifiedRule([ClaimTypes.Kyc]),
            new MaxHoldersRule(4),
            new MaxHoldersRule(2, Country: "DE"),
            new MaxBalanceRule("3000"),
            new VolumeLimitRule("1500", "PT24H"));
        _accounts = [.. IdentityIds.Select(id => id + "-1")];
    }

    public static Gen<RandomStep> Steps { get; } = Gen.Select(
        Gen.Int[0, KindCount - 1],
        Gen.Int[0, IdentityIds.Length - 1],
        Gen.Int[0, IdentityIds.Length - 1],
        Gen.Int[1, 700],
        Gen.Frequency((3, Gen.Const(0)), (5, Gen.Int[1, 180]), (2, Gen.Int[1, 3000])),
        (kind, from, to, units, minutes) => new RandomStep(kind, from, to, units, minutes));

    public static Gen<RandomStep[]> Sequences { get; } = Steps.Array[1, 60];

    public RegisterFixture Fixture { get; }

    public string SecurityId => Fixture.SecurityId;

    /// <summary>Every account that ever existed, including closed ones.</summary>
    public IEnumerable<string> AllAccounts => Fixture.Register.State.Accounts.Keys;

    /// <summary>The open account of the identity at the index.</summary>
    public string AccountOf(int identityIndex) => _accounts[identityIndex];

    /// <summary>Advances time by the step's minutes and executes its command. Returns whether it was accepted.</summary>
    public bool Run(RandomStep step)
    {
        Fixture.Advance(TimeSpan.FromMinutes(step.Minutes));
        return step.Kind == RecoveryKind ? RunRecovery(step.From) : Fixture.Execute(ToCommand(step)).Accepted;
    }

    /// <summary>Builds the step's command against the current state. Recovery steps need <see cref="Run"/>.</summary>
    public RegisterCommand ToCommand(RandomStep step)
    {
        var security = SecurityId;
        var from = _accounts[step.From];
        var to = _accounts[step.To];
        var amount = Amount.FromUnits(step.Units);
        var agent = RegisterFixture.Agent(Permissions.All);
        switch (step.Kind)
        {
            case 0:
                return new Issue(security, to, amount);
            case 1:
                return new Redeem(security, from, amount) { Actor = agent };
            case 2:
            case 3:
                return new Transfer(security, from, to, amount) { Actor = Actor.Investor(IdentityIds[step.From]) };
            case 4:
                return new ForcedTransfer(security, from, to, amount, step.Units % 2 == 0 ? "court order" : null) { Actor = agent };
            case 5:
                return new FreezeAmount(security, from, amount) { Actor = agent };
            case 6:
                return new UnfreezeAmount(security, from, amount) { Actor = agent };
            case 7:
                var third = _accounts[(step.To + 1) % _accounts.Length];
                return new BatchTransfer(security,
                [
                    new TransferLeg(from, to, amount),
                    new TransferLeg(to, from, Amount.FromUnits((step.Units / 2) + 1)),
                    new TransferLeg(from, third, Amount.FromUnits((step.Units / 3) + 1)),
                ]);
            case 9:
                var frozen = Fixture.Register.PositionOf(security, from) is { IsFrozen: true };
                return frozen ? new UnfreezeAccount(security, from) { Actor = agent } : new FreezeAccount(security, from) { Actor = agent };
            default:
                // Pause only one step in three, so that most sequences have transfers to judge.
                if (Fixture.Security.Status == Securities.SecurityStatus.Paused)
                {
                    return new UnpauseSecurity(security);
                }

                return step.Units % 3 == 0 ? new PauseSecurity(security) : new Issue(security, from, amount);
        }
    }

    /// <summary>Adds a new account for the identity and recovers its open account to it.</summary>
    private bool RunRecovery(int identityIndex)
    {
        var identityId = IdentityIds[identityIndex];
        var newAccount = $"{identityId}-r{++_recoveries}";
        Fixture.MustExecute(new AddAccount(identityId, newAccount));
        var recovery = new RecoverAccount(_accounts[identityIndex], newAccount) { Actor = RegisterFixture.Agent(Permissions.All) };
        if (!Fixture.Execute(recovery).Accepted)
        {
            return false;
        }

        _accounts[identityIndex] = newAccount;
        return true;
    }
}

using Registra.Access;
using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Reasons;
using Registra.Securities;

namespace Registra.Tests.Register;

public sealed class LifecycleTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;
    private const string Carol = RegisterFixture.Carol;

    private static Amount Units(long units) => Amount.FromUnits(units);

    // Settlement legs and order matches are not part of the register yet, so only the
    // three movement commands that exist are covered here.
    public static TheoryData<string> PausedMovements => new() { "investor", "batch", "operator", "agent" };

    [Theory]
    [MemberData(nameof(PausedMovements))]
    public void Pause_AnyMovement_IsRejected(string movement)
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));
        RegisterCommand command = movement switch
        {
            "investor" => new Transfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = Actor.Investor("alice") },
            "batch" => new BatchTransfer(fixture.SecurityId, [new TransferLeg(Alice, Bob, Units(100))]),
            "operator" => new Transfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = Actor.Operator },
            _ => new Transfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = RegisterFixture.Agent(Permissions.Transfer) },
        };

        fixture.AssertRejected(command, Reasons.Reasons.SecurityPaused);

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(500, fixture.Balance(Bob));
    }

    [Fact]
    public void Pause_AlreadyPaused_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));

        fixture.AssertRejected(new PauseSecurity(fixture.SecurityId), Reasons.Reasons.SecurityAlreadyPaused);
    }

    [Fact]
    public void Unpause_ActiveSecurity_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new UnpauseSecurity(fixture.SecurityId), Reasons.Reasons.SecurityNotPaused);
    }

    [Fact]
    public void Unpause_PausedSecurity_AllowsTransfers()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));
        fixture.MustExecute(new UnpauseSecurity(fixture.SecurityId));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(100)));

        Assert.Equal(SecurityStatus.Active, fixture.Security.Status);
        Assert.Equal(900, fixture.Balance(Alice));
    }

    // Behaviour choice: a pause stops ordinary movements only. Forced transfers and
    // redemptions by an agent still work, so an issuer can act on a court order while paused.
    [Fact]
    public void Pause_ForcedTransfer_IsAllowed()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new PauseSecurity(fixture.SecurityId));

        fixture.MustExecute(new ForcedTransfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = RegisterFixture.Agent(Permissions.Transfer) });

        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void Pause_ByAgentWithoutFreezePermission_IsDenied()
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(
            new PauseSecurity(fixture.SecurityId) { Actor = RegisterFixture.Agent(Permissions.Transfer) },
            Reasons.Reasons.PermissionDenied);

        Assert.Equal(403, failures[0].Code.HttpStatus);
    }

    [Theory]
    [InlineData(Alice)]
    [InlineData(Bob)]
    public void FrozenAccount_EitherSide_RejectsTransfer(string frozenAccount)
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, frozenAccount));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(100)), Reasons.Reasons.AccountFrozen);

        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(500, fixture.Balance(Bob));
    }

    [Fact]
    public void FreezeAccount_AlreadyFrozen_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAccount(fixture.SecurityId, Alice));

        fixture.AssertRejected(new FreezeAccount(fixture.SecurityId, Alice), Reasons.Reasons.AccountAlreadyFrozen);
    }

    [Fact]
    public void UnfreezeAccount_NotFrozen_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new UnfreezeAccount(fixture.SecurityId, Alice), Reasons.Reasons.AccountNotFrozen);
    }

    [Fact]
    public void PartialFreeze_TransferAboveUnfrozen_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(900)));

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(1000)), Reasons.Reasons.InsufficientUnfrozenBalance);

        Assert.Equal(900, fixture.Frozen(Alice));
    }

    [Fact]
    public void PartialFreeze_TransferWithinUnfrozen_Succeeds()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(900)));

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(100)));

        Assert.Equal(900, fixture.Balance(Alice));
        Assert.Equal(900, fixture.Frozen(Alice));
        Assert.Equal(600, fixture.Balance(Bob));
    }

    [Fact]
    public void Transfer_ToAccountWithoutIdentity_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Carol, Units(100)), Reasons.Reasons.ReceiverNotVerified);

        Assert.Equal(1000, fixture.Balance(Alice));
    }

    [Fact]
    public void Issue_ToAccountWithoutIdentity_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new Issue(fixture.SecurityId, Carol, Units(100)), Reasons.Reasons.ReceiverNotVerified);

        Assert.Equal(1500, fixture.Supply);
    }

    [Theory]
    [InlineData(Permissions.None)]
    [InlineData(Permissions.Transfer | Permissions.Freeze | Permissions.Compliance)]
    public void Issue_WithoutSupplyPermission_IsDenied(Permissions permissions)
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(
            new Issue(fixture.SecurityId, Alice, Units(100)) { Actor = RegisterFixture.Agent(permissions) },
            Reasons.Reasons.PermissionDenied);

        Assert.Equal(403, failures[0].Code.HttpStatus);
    }

    [Fact]
    public void Issue_ByAgentOfOtherIssuer_IsDenied()
    {
        var fixture = RegisterFixture.Create();
        var outsider = Actor.Agent("agent-2", "other-issuer", Permissions.All);

        fixture.AssertRejected(new Issue(fixture.SecurityId, Alice, Units(100)) { Actor = outsider }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Issue_ByInvestor_IsDenied()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new Issue(fixture.SecurityId, Alice, Units(100)) { Actor = Actor.Investor("alice") }, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Transfer_ByInvestorFromOtherAccount_IsDenied()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(
            new Transfer(fixture.SecurityId, Alice, Bob, Units(100)) { Actor = Actor.Investor("bob") },
            Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void FreezeAmount_AboveUnfrozen_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(900)));

        fixture.AssertRejected(new FreezeAmount(fixture.SecurityId, Alice, Units(101)), Reasons.Reasons.InsufficientUnfrozenBalance);

        Assert.Equal(900, fixture.Frozen(Alice));
    }

    [Fact]
    public void UnfreezeAmount_AboveFrozen_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(900)));

        fixture.AssertRejected(new UnfreezeAmount(fixture.SecurityId, Alice, Units(901)), Reasons.Reasons.InsufficientFrozenAmount);

        Assert.Equal(900, fixture.Frozen(Alice));
    }

    [Fact]
    public void FreezeAmount_WholeUnfrozen_Succeeds()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(900)));

        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(100)));

        Assert.Equal(1000, fixture.Frozen(Alice));
    }

    [Fact]
    public void Granularity_TooPreciseAmount_IsGranularityError()
    {
        var parsed = Amount.Parse("0.001", 2);

        Assert.False(parsed.IsValid);
        Assert.True(parsed.IsGranularityError);
    }

    // NOTE: the register takes amounts in smallest units, so an over-precise decimal string
    // can only be caught where it is parsed. No caller maps that error to invalid_granularity yet.
    [Fact]
    public void Granularity_SmallestUnit_Transfers()
    {
        var fixture = RegisterFixture.Create(alice: 100_000, decimals: 2);
        var parsed = Amount.Parse("0.01", 2);

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, parsed.Amount));

        Assert.Equal(1, parsed.Amount.Units);
        Assert.Equal(99_999, fixture.Balance(Alice));
        Assert.Equal(501, fixture.Balance(Bob));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(19)]
    public void CreateSecurity_DecimalsOutOfRange_IsRejected(int decimals)
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(
            new CreateSecurity(RegisterFixture.IssuerId, "Acme Preferred", AssetClass.Equity, decimals),
            Reasons.Reasons.InvalidArgument);

        Assert.Single(fixture.Register.State.Securities);
        Assert.Contains("0 to 18", failures[0].Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(18)]
    public void CreateSecurity_DecimalsAtBounds_Succeeds(int decimals)
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new CreateSecurity(RegisterFixture.IssuerId, "Acme Preferred", AssetClass.Equity, decimals));

        Assert.Equal(2, fixture.Register.State.Securities.Count);
    }

    [Fact]
    public void Transfer_MoreThanBalance_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Bob, Units(1001)), Reasons.Reasons.InsufficientBalance);

        Assert.Equal("1001", failures[0].Limit);
        Assert.Equal("1000", failures[0].Current);
    }

    [Fact]
    public void Transfer_WholeBalance_Succeeds()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, Bob, Units(1000)));

        Assert.Equal(0, fixture.Balance(Alice));
        Assert.Equal(1, fixture.HolderCount);
    }

    [Fact]
    public void HolderCount_RedeemAll_FreesPlace()
    {
        var fixture = RegisterFixture.Create(rules: [new IdentityVerifiedRule([ClaimTypes.Kyc]), new MaxHoldersRule(3)]);
        var carla = fixture.AddInvestor("carla");
        var dave = fixture.AddInvestor("dave");
        fixture.MustExecute(new Issue(fixture.SecurityId, carla, Units(200)));
        fixture.AssertRejected(new Issue(fixture.SecurityId, dave, Units(1)), Reasons.Reasons.MaxHoldersReached);

        fixture.MustExecute(new Redeem(fixture.SecurityId, carla, Units(200)));

        Assert.Equal(2, fixture.HolderCount);
        fixture.MustExecute(new Transfer(fixture.SecurityId, Alice, dave, Units(10)));
        Assert.Equal(3, fixture.HolderCount);
    }

    [Fact]
    public void SupplyCap_IssueAboveCap_IsRejected()
    {
        var fixture = RegisterFixture.Create(supplyCap: Units(1600));

        var failures = fixture.AssertRejected(new Issue(fixture.SecurityId, Alice, Units(101)), Reasons.Reasons.SupplyCapExceeded);

        Assert.Equal(1500, fixture.Supply);
        Assert.Equal("1600", failures[0].Limit);
        Assert.Equal("1601", failures[0].Current);
    }

    [Fact]
    public void SupplyCap_IssueUpToCap_Succeeds()
    {
        var fixture = RegisterFixture.Create(supplyCap: Units(1600));

        fixture.MustExecute(new Issue(fixture.SecurityId, Alice, Units(100)));

        Assert.Equal(1600, fixture.Supply);
    }
}

using Registra.Amounts;
using Registra.Commands;
using Registra.Compliance;
using Registra.Identities;
using Registra.Securities;

namespace Registra.Tests.Register;

public sealed class BadInputTests
{
    private const string Alice = RegisterFixture.Alice;
    private const string Bob = RegisterFixture.Bob;
    private const string UnknownSecurity = "sec_0000000000000000";

    private static Amount Units(long units) => Amount.FromUnits(units);

    public static TheoryData<string> UnknownSecurityCommands => new()
    {
        "transfer", "batch", "issue", "redeem", "forced", "freeze", "freeze-amount", "pause", "rules", "trusted-issuer",
    };

    [Theory]
    [MemberData(nameof(UnknownSecurityCommands))]
    public void UnknownSecurity_AnyCommand_IsNotFound(string kind)
    {
        var fixture = RegisterFixture.Create();
        RegisterCommand command = kind switch
        {
            "transfer" => new Transfer(UnknownSecurity, Alice, Bob, Units(1)),
            "batch" => new BatchTransfer(UnknownSecurity, [new TransferLeg(Alice, Bob, Units(1))]),
            "issue" => new Issue(UnknownSecurity, Alice, Units(1)),
            "redeem" => new Redeem(UnknownSecurity, Alice, Units(1)),
            "forced" => new ForcedTransfer(UnknownSecurity, Alice, Bob, Units(1)),
            "freeze" => new FreezeAccount(UnknownSecurity, Alice),
            "freeze-amount" => new FreezeAmount(UnknownSecurity, Alice, Units(1)),
            "pause" => new PauseSecurity(UnknownSecurity),
            "rules" => new SetRules(UnknownSecurity, []),
            _ => new AddTrustedIssuer(UnknownSecurity, RegisterFixture.ClaimIssuerId),
        };

        fixture.AssertRejected(command, Reasons.Reasons.NotFound);
    }

    public static TheoryData<string> UnknownAccountCommands => new()
    {
        "transfer-from", "forced-from", "redeem", "freeze", "unfreeze", "freeze-amount", "recover",
    };

    [Theory]
    [MemberData(nameof(UnknownAccountCommands))]
    public void UnknownAccount_AnyCommand_IsNotFound(string kind)
    {
        var fixture = RegisterFixture.Create();
        var security = fixture.SecurityId;
        RegisterCommand command = kind switch
        {
            "transfer-from" => new Transfer(security, "nobody-1", Bob, Units(1)),
            "forced-from" => new ForcedTransfer(security, "nobody-1", Bob, Units(1)),
            "redeem" => new Redeem(security, "nobody-1", Units(1)),
            "freeze" => new FreezeAccount(security, "nobody-1"),
            "unfreeze" => new UnfreezeAccount(security, "nobody-1"),
            "freeze-amount" => new FreezeAmount(security, "nobody-1", Units(1)),
            _ => new RecoverAccount("nobody-1", Alice),
        };

        fixture.AssertRejected(command, Reasons.Reasons.NotFound);
    }

    // An unknown receiving account is reported as an unverified receiver, the same as an
    // account whose owner has no identity on the platform.
    [Fact]
    public void UnknownAccount_AsReceiver_IsNotVerified()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, "nobody-1", Units(1)), Reasons.Reasons.ReceiverNotVerified);
    }

    [Fact]
    public void Transfer_ToSameAccount_IsInvalid()
    {
        var fixture = RegisterFixture.Create();
        var lotsBefore = fixture.Register.PositionOf(fixture.SecurityId, Alice)!.Lots.ToList();

        var failures = fixture.AssertRejected(new Transfer(fixture.SecurityId, Alice, Alice, Units(1)), Reasons.Reasons.InvalidArgument);

        Assert.Equal(Alice, Assert.Single(failures).Subject);
        Assert.Equal(1000, fixture.Balance(Alice));
        Assert.Equal(lotsBefore, fixture.Register.PositionOf(fixture.SecurityId, Alice)!.Lots);
    }

    [Fact]
    public void AddAccount_UnknownIdentity_IsNotFound()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new AddAccount("nobody", "nobody-1"), Reasons.Reasons.NotFound);
    }

    public static TheoryData<string, long> NonPositiveAmounts
    {
        get
        {
            var data = new TheoryData<string, long>();
            foreach (var kind in new[] { "transfer", "batch", "issue", "redeem", "forced", "freeze-amount", "unfreeze-amount" })
            {
                data.Add(kind, 0);
                data.Add(kind, -5);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(NonPositiveAmounts))]
    public void NonPositiveAmount_AnyMovement_IsInvalid(string kind, long units)
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(new FreezeAmount(fixture.SecurityId, Alice, Units(10)));
        var security = fixture.SecurityId;
        var amount = Units(units);
        RegisterCommand command = kind switch
        {
            "transfer" => new Transfer(security, Alice, Bob, amount),
            "batch" => new BatchTransfer(security, [new TransferLeg(Alice, Bob, Units(1)), new TransferLeg(Alice, Bob, amount)]),
            "issue" => new Issue(security, Alice, amount),
            "redeem" => new Redeem(security, Alice, amount),
            "forced" => new ForcedTransfer(security, Alice, Bob, amount),
            "freeze-amount" => new FreezeAmount(security, Alice, amount),
            _ => new UnfreezeAmount(security, Alice, amount),
        };

        fixture.AssertRejected(command, Reasons.Reasons.InvalidAmount);
    }

    [Fact]
    public void BatchTransfer_NoLegs_IsInvalid()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new BatchTransfer(fixture.SecurityId, []), Reasons.Reasons.InvalidArgument);
    }

    [Theory]
    [InlineData("0.001", 2)]
    [InlineData("1.5", 0)]
    [InlineData("0.0000000000000000001", 18)]
    public void ParseAmount_TooManyDecimals_IsGranularityError(string text, int decimals)
    {
        var parsed = Amount.Parse(text, decimals);

        Assert.False(parsed.IsValid);
        Assert.True(parsed.IsGranularityError);
    }

    [Theory]
    [InlineData("0.010", 2, 1)]
    [InlineData("12.5", 2, 1250)]
    [InlineData("7", 0, 7)]
    public void ParseAmount_TrailingZeros_AreAccepted(string text, int decimals, long units)
    {
        var parsed = Amount.Parse(text, decimals);

        Assert.True(parsed.IsValid);
        Assert.Equal(units, (long)parsed.Amount.Units);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1e3")]
    [InlineData("+5")]
    [InlineData("1,000")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("--1")]
    [InlineData("0x10")]
    [InlineData("99999999999999999999999999999999999999999")]
    public void ParseAmount_Malformed_IsInvalid(string text)
    {
        var parsed = Amount.Parse(text, 2);

        Assert.False(parsed.IsValid);
        Assert.False(parsed.IsGranularityError);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("ünicode")]
    public void CreateIssuer_InvalidId_IsRejected(string issuerId)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new CreateIssuer(issuerId, "Bad Corp"), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void CreateIssuer_IdTooLong_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new CreateIssuer(new string('a', 129), "Long Corp"), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void CreateIssuer_IdAtMaxLength_Succeeds()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new CreateIssuer(new string('a', 128), "Long Corp"));

        Assert.Equal(2, fixture.Register.State.Issuers.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad/account")]
    [InlineData("_leading")]
    public void AddAccount_InvalidId_IsRejected(string accountId)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new AddAccount("alice", accountId), Reasons.Reasons.InvalidArgument);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad identity")]
    public void RegisterIdentity_InvalidId_IsRejected(string identityId)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new RegisterIdentity(identityId, IdentityKind.Individual, "Bad"), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void CreateIssuer_DuplicateId_AlreadyExists()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new CreateIssuer(RegisterFixture.IssuerId, "Acme Again"), Reasons.Reasons.AlreadyExists);
    }

    [Fact]
    public void CreateSecurity_SameDescriptor_AlreadyExists()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new CreateSecurity(RegisterFixture.IssuerId, "Acme Common", AssetClass.Equity, 0), Reasons.Reasons.AlreadyExists);
    }

    [Fact]
    public void CreateSecurity_NegativeSupplyCap_IsInvalid()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(
            new CreateSecurity(RegisterFixture.IssuerId, "Acme Capped", AssetClass.Equity, 0, Units(-1)),
            Reasons.Reasons.InvalidAmount);
    }

    [Theory]
    [InlineData("US0378331005", true)]
    [InlineData("US0378331006", false)]
    [InlineData("XX0378331004", false)]
    [InlineData("US03783310", false)]
    public void CreateSecurity_Isin_IsValidated(string isin, bool valid)
    {
        var fixture = RegisterFixture.Create();
        var command = new CreateSecurity(RegisterFixture.IssuerId, "Acme Listed", AssetClass.Equity, 0,
            Identifiers: new Dictionary<string, string> { ["isin"] = isin });

        if (valid)
        {
            fixture.MustExecute(command);
        }
        else
        {
            fixture.AssertRejected(command, Reasons.Reasons.InvalidIdentifier);
        }
    }

    [Fact]
    public void CreateSecurity_UnknownIdentifierKind_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        var command = new CreateSecurity(RegisterFixture.IssuerId, "Acme Listed", AssetClass.Equity, 0,
            Identifiers: new Dictionary<string, string> { ["ticker"] = "ACME" });

        fixture.AssertRejected(command, Reasons.Reasons.InvalidIdentifier);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("kp1")]
    [InlineData("")]
    public void SetRules_UnknownCountryCode_IsRejected(string code)
    {
        var fixture = RegisterFixture.Create();
        var versionBefore = fixture.Security.Rules.Version;

        var failures = fixture.AssertRejected(new SetRules(fixture.SecurityId, [new CountryRule(null, ["KP", code])]), Reasons.Reasons.InvalidArgument);

        Assert.Equal(versionBefore, fixture.Security.Rules.Version);
        Assert.Contains("country", failures[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClaim_UnknownJurisdiction_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(
            new AddClaim("alice", "alice-country", ClaimTypes.Jurisdiction, "ZZ", RegisterFixture.ClaimIssuerId, fixture.Now),
            Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void AddClaim_ValidUntilBeforeValidFrom_IsRejected()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(
            new AddClaim("alice", "alice-kyc-2", ClaimTypes.Kyc, "true", RegisterFixture.ClaimIssuerId, fixture.Now, fixture.Now.AddDays(-1)),
            Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void Execute_TimeGoingBackwards_Throws()
    {
        var fixture = RegisterFixture.Create();

        Assert.Throws<InvalidOperationException>(() =>
            fixture.Register.Execute(new Transfer(fixture.SecurityId, Alice, Bob, Units(1)), fixture.Now.AddTicks(-1)));
    }
}

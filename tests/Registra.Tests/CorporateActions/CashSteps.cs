using Registra.Amounts;
using Registra.Cash;
using Registra.CorporateActions.Distributions;
using Registra.Identities;
using Registra.Tests.Register;

namespace Registra.Tests.CorporateActions;

/// <summary>Cash and distribution steps on a <see cref="RegisterFixture"/>, in USD unless a currency is given.</summary>
internal static class CashSteps
{
    public const string Usd = "USD";

    public static Amount Money(string text, int minorUnits = 2)
    {
        var (amount, failure) = CashBook.ParseAmount(text, minorUnits);
        Assert.Null(failure);
        return amount;
    }

    public static void OpenCash(this RegisterFixture fixture, CashOwnerKind kind, string ownerId, string currency = Usd) =>
        fixture.MustExecute(new OpenCashAccount(kind, ownerId, currency));

    /// <summary>Opens the issuer's operating account and deposits the amount into it.</summary>
    public static void FundIssuer(this RegisterFixture fixture, string amount, string currency = Usd)
    {
        if (fixture.Register.State.Cash.Find(CashAccountKey.OfIssuer(RegisterFixture.IssuerId, currency)) is null)
        {
            fixture.OpenCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, currency);
        }

        var minorUnits = Registra.Identifiers.CurrencyCode.Parse(currency).MinorUnits!.Value;
        fixture.MustExecute(new DepositCash(CashOwnerKind.Issuer, RegisterFixture.IssuerId, currency, Money(amount, minorUnits), "wire"));
    }

    /// <summary>Registers an identity with one account "{id}-1" and issues it units, without claims.</summary>
    public static void AddHolder(this RegisterFixture fixture, string identityId, long units, bool withCash = true)
    {
        fixture.MustExecute(new Registra.Commands.RegisterIdentity(identityId, IdentityKind.Individual, identityId));
        fixture.MustExecute(new Registra.Commands.AddAccount(identityId, identityId + "-1"));
        if (units > 0)
        {
            fixture.MustExecute(new Registra.Commands.Issue(fixture.SecurityId, identityId + "-1", Amount.FromUnits(units)));
        }

        if (withCash)
        {
            fixture.OpenCash(CashOwnerKind.Identity, identityId);
        }
    }

    /// <summary>Returns the account's balance as a decimal string, "0" when it was never opened.</summary>
    public static string Cash(this RegisterFixture fixture, CashOwnerKind kind, string ownerId, string currency = Usd) =>
        fixture.Register.State.Cash.Format(currency, fixture.Register.State.Cash.BalanceOf(new CashAccountKey(kind, ownerId, currency)));

    public static string IdentityCash(this RegisterFixture fixture, string identityId) => fixture.Cash(CashOwnerKind.Identity, identityId);

    /// <summary>Announces a total-amount dividend in USD recorded now and payable now, and returns its id.</summary>
    public static string AnnounceDividend(this RegisterFixture fixture, string total, IReadOnlyList<string>? excluded = null,
        IReadOnlyDictionary<string, string>? byIdentity = null, IReadOnlyDictionary<string, string>? byJurisdiction = null,
        DateTimeOffset? recordAt = null, DateTimeOffset? paymentAt = null, DateTimeOffset? claimUntil = null) =>
        fixture.MustExecute(new AnnounceDistribution(fixture.SecurityId, DistributionKind.Dividend, Usd, DistributionBasis.Total, total,
            recordAt ?? fixture.Now, paymentAt ?? recordAt ?? fixture.Now, claimUntil, null, byJurisdiction, byIdentity, excluded)).CreatedId!;

    public static DistributionState Distribution(this RegisterFixture fixture, string id) => fixture.Register.State.Distributions[id];

    public static HolderPayout Payout(this RegisterFixture fixture, string distributionId, string identityId)
    {
        var distribution = fixture.Distribution(distributionId);
        return distribution.Payouts[distribution.IndexOf(identityId)];
    }
}

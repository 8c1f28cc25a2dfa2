using Registra.Access;
using Registra.Commands;
using Registra.CorporateActions.Coupons;
using Registra.CorporateActions.DayCounts;
using Registra.CorporateActions.Distributions;
using Registra.Events;
using Registra.Securities;

namespace Registra.Register;

public sealed partial class Register
{
    /// <summary>Returns the id of the coupon distribution paid on <paramref name="paymentDate"/>.</summary>
    public static string CouponId(string securityId, DateOnly paymentDate) =>
        $"{securityId}-coupon-{paymentDate:yyyyMMdd}";

    /// <summary>Returns the id of the security's redemption distribution.</summary>
    public static string RedemptionId(string securityId) => $"{securityId}-redemption";

    private CommandResult DecideScheduleCoupons(ScheduleCoupons command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Actions, out var security) is { } access)
        {
            return CommandResult.Rejected(access);
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return CommandResult.Rejected(RedeemedFailure(security.Id));
        }

        var (terms, failures) = CouponTerms.Read(security.Id, security.Definition.Terms);
        if (terms is null)
        {
            return CommandResult.Rejected(failures);
        }

        var rateFailures = new List<Reasons.Failure>();
        var (defaultRate, byJurisdiction, byIdentity) = ReadWithholding(command.DefaultWithholdingPercent, command.WithholdingByJurisdiction,
            command.WithholdingByIdentity, rateFailures);
        if (rateFailures.Count > 0)
        {
            return CommandResult.Rejected(rateFailures);
        }

        // Each coupon pays the schedule's amount per whole unit, rounded once to the minor unit, so
        // what GET /coupons shows is what holders are paid.
        var events = new List<RegisterEvent>();
        foreach (var period in CouponSchedule.Generate(terms))
        {
            var id = CouponId(security.Id, period.End);
            var paymentAt = new DateTimeOffset(period.PaymentDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (paymentAt < now || State.Distributions.ContainsKey(id))
            {
                continue;
            }

            var perUnit = (Int128)period.AmountMinorUnits * PerUnitScale;
            events.Add(new DistributionAnnounced(id, security.Id, DistributionKind.Coupon, terms.Currency.Value, DistributionBasis.PerUnit,
                perUnit, CouponRecordAt(paymentAt), paymentAt, paymentAt.Add(DefaultClaimPeriod), defaultRate,
                byJurisdiction, byIdentity, [],
                $"Coupon {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}, {DayCount.NameOf(terms.DayCount)} year fraction {period.YearFraction}"));
        }

        return events.Count == 0
            ? CommandResult.Rejected(new Reasons.Failure(Reasons.Reasons.AlreadyExists, "coupons", "coupon schedule", security.Id,
                "Every coupon whose payment date has not passed is announced already; list them with the distributions.") { Subject = security.Id })
            : new CommandResult(events, []) { CreatedId = security.Id };
    }

    private CommandResult DecideRedeemAtMaturity(RedeemAtMaturity command, DateTimeOffset now)
    {
        if (FindSecurityFor(command.SecurityId, command.Actor, Permissions.Actions, out var security) is { } access)
        {
            return CommandResult.Rejected(access);
        }

        if (security.Status == SecurityStatus.Redeemed)
        {
            return CommandResult.Rejected(RedeemedFailure(security.Id));
        }

        var (terms, failures) = RedemptionTerms.Read(security.Id, security.Definition.Terms);
        if (terms is null)
        {
            return CommandResult.Rejected(failures);
        }

        if (now < terms.MaturityAt)
        {
            return CommandResult.Rejected(new Reasons.Failure(Reasons.Reasons.NotMatured, "maturity_date", terms.MaturityAt.ToString("O"),
                now.ToString("O"), $"Redeem at or after {terms.MaturityAt:O}.") { Subject = security.Id });
        }

        var events = new List<RegisterEvent>();
        if (security.Supply.IsPositive)
        {
            var announced = new DistributionAnnounced(RedemptionId(security.Id), security.Id, DistributionKind.Redemption, terms.Currency.Value,
                DistributionBasis.PerUnit, (Int128)terms.FaceValue * PerUnitScale,
                now, now, now.Add(DefaultClaimPeriod), 0, new Dictionary<string, int>(), new Dictionary<string, int>(), [],
                $"Redemption at maturity {terms.MaturityDate:yyyy-MM-dd}");
            var (payment, unfunded) = BuildPayment(announced.ToTerms(), security, now);
            if (unfunded is not null)
            {
                return CommandResult.Rejected(unfunded);
            }

            events.Add(announced);
            events.AddRange(payment);
            AddRetirements(security, events);
        }

        events.Add(new SecurityRedeemedAtMaturity(security.Id, RedemptionId(security.Id)));
        return new CommandResult(events, []) { CreatedId = RedemptionId(security.Id) };
    }

    /// <summary>Retires every unit: frozen parts are released first, so no position is left with more frozen than held.</summary>
    private static void AddRetirements(SecurityState security, List<RegisterEvent> events)
    {
        foreach (var position in security.Positions.Values.OrderBy(p => p.AccountId, StringComparer.Ordinal))
        {
            if (!position.Balance.IsPositive)
            {
                continue;
            }

            if (position.Frozen.IsPositive)
            {
                events.Add(new AmountUnfrozen(security.Id, position.AccountId, position.Frozen.Units));
            }

            events.Add(new Redeemed(security.Id, position.AccountId, position.Balance.Units));
        }
    }

    /// <summary>Returns the record instant of a coupon: one day before payment, so a trade on the payment date does not change who is paid.</summary>
    public static DateTimeOffset CouponRecordAt(DateTimeOffset paymentAt) => paymentAt.AddDays(-1);

    // Per-unit distribution amounts are in minor units times 10^PerUnitExtraDigits.
    private static readonly Int128 PerUnitScale = Int128.CreateChecked(System.Numerics.BigInteger.Pow(10, DistributionMath.PerUnitExtraDigits));
}

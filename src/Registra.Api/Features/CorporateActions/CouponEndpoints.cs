using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Amounts;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.CorporateActions.DayCounts;

namespace Registra.Api.Features.CorporateActions;

/// <param name="YearFraction">Exact year fraction as "n/d" (or "n").</param>
/// <param name="YearFractionDecimal">The year fraction rounded to 12 decimals, for display.</param>
/// <param name="Amount">Coupon per whole unit of the security, in the currency, rounded once to its minor unit.</param>
/// <param name="RecordAt">Holders at this instant, one day before payment, are paid.</param>
/// <param name="DistributionId">Id of the distribution that pays the coupon, once announced through POST /coupons.</param>
/// <param name="DistributionStatus">Null until the coupon is announced.</param>
public sealed record CouponPeriodView(int Number, DateOnly Start, DateOnly End, DateOnly PaymentDate, bool Regular, int Days,
    string YearFraction, string YearFractionDecimal, string Amount, DateTimeOffset RecordAt, string DistributionId,
    Registra.CorporateActions.Distributions.DistributionStatus? DistributionStatus);

public sealed record CouponScheduleView(string SecurityId, string Currency, string FaceValue, string CouponRate, string Frequency,
    string DayCount, string Stub, string BusinessDayConvention, DateOnly IssueDate, DateOnly MaturityDate, IReadOnlyList<CouponPeriodView> Periods);

/// <summary>
/// The coupon schedule computed from a debt security's terms, with the distribution that pays each
/// coupon once POST /coupons has announced it.
/// </summary>
public static class CouponEndpoints
{
    public static RouteGroupBuilder MapCoupons(this RouteGroupBuilder v1)
    {
        v1.MapGet("/securities/{securityId}/coupons", GetCoupons).WithTags("Corporate actions")
            .Documented<CouponScheduleView>("getCouponSchedule", 200, "Get the coupon schedule",
                "Computes every coupon period from the security's terms (face_value, coupon_rate, coupon_frequency, day_count, issue_date, maturity_date, and optionally stub and business_day_convention): dates, exact year fraction, the coupon per unit, and the distribution that pays it once announced. Terms that are missing or invalid give 422 with one failure per key.", 404, 422);
        return v1;
    }

    internal static async Task<IResult> GetCoupons(string securityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var (terms, statuses) = await gateway.Engine.ReadAsync<(IReadOnlyDictionary<string, string>?, Dictionary<string, Registra.CorporateActions.Distributions.DistributionStatus>?)>(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId))
            {
                return (null, null);
            }

            var announced = register.State.Distributions.Values
                .Where(distribution => distribution.Terms.SecurityId == securityId)
                .ToDictionary(distribution => distribution.Id, distribution => distribution.Status, StringComparer.Ordinal);
            return (security.Definition.Terms, announced);
        }, context.RequestAborted);
        if (terms is null || statuses is null)
        {
            return SecurityEndpoints.NotFound(securityId);
        }

        var (coupon, failures) = CouponTerms.Read(securityId, terms);
        if (coupon is null)
        {
            return ApiProblems.Rejected(failures);
        }

        var minorUnits = coupon.Currency.MinorUnits ?? 0;
        var periods = CouponSchedule.Generate(coupon)
            .Select(p =>
            {
                var paymentAt = new DateTimeOffset(p.PaymentDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var id = Registra.Register.Register.CouponId(securityId, p.End);
                return new CouponPeriodView(p.Number, p.Start, p.End, p.PaymentDate, p.Regular, p.Days, p.YearFraction.ToString(),
                    p.YearFraction.ToDecimalString(12), Amount.FromUnits(p.AmountMinorUnits).Format(minorUnits),
                    Registra.Register.Register.CouponRecordAt(paymentAt), id, statuses.TryGetValue(id, out var status) ? status : null);
            })
            .ToList();
        return Results.Ok(new CouponScheduleView(securityId, coupon.Currency.Value, coupon.FaceValue.ToDecimalString(minorUnits),
            coupon.Rate.ToDecimalString(12), Snake(coupon.Frequency.ToString()), DayCount.NameOf(coupon.DayCount), Snake(coupon.Stub.ToString()),
            Snake(coupon.BusinessDays.ToString()), coupon.IssueDate, coupon.MaturityDate, periods));
    }

    /// <summary>Writes an enum name the way the API writes enums: "SemiAnnual" becomes "semi_annual".</summary>
    private static string Snake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.CorporateActions.Coupons;
using Registra.CorporateActions.DayCounts;
using Registra.CorporateActions.Distributions;

namespace Registra.Api.Features.Distributions;

public static partial class DistributionEndpoints
{
    private static void MapCoupons(RouteGroupBuilder v1, RouteGroupBuilder group)
    {
        group.MapGet("/coupons", ListCoupons)
            .Documented<Page<CouponView>>("listCoupons", 200, "List the coupon schedule",
                "Computes the coupon periods from the security's debt terms (face_value, currency, issue_date, maturity_date, coupon_rate_percent, coupon_frequency, day_count) and shows which are announced.",
                404, 409);
        group.MapPost("/coupons", ScheduleCoupons)
            .Documented<Page<CouponView>>("scheduleCoupons", 201, "Announce the coupons",
                "Announces a coupon distribution for every period whose payment date has not passed and that is not announced yet. Record one day before payment. Needs the actions permission.",
                403, 404, 409);
        v1.MapPost("/securities/{securityId}:redeemAtMaturity", RedeemAtMaturity).WithTags("Distributions")
            .Documented<DistributionView>("redeemAtMaturity", 200, "Redeem at maturity",
                "From the maturity date on, pays the face value per unit from the issuer's operating cash account, retires every unit and marks the security redeemed.",
                403, 404, 409);
    }

    private static async Task<IResult> ListCoupons(string securityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var result = await gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId))
            {
                return (Items: (List<CouponView>?)null, Problem: (IResult?)SecurityEndpoints.NotFound(securityId));
            }

            var (terms, failure) = BondTerms.ParseForCoupons(security.Definition.Terms);
            if (failure is not null)
            {
                return (null, ApiProblems.Rejected([failure]));
            }

            var minorUnits = Identifiers.CurrencyCode.Parse(terms!.Currency).MinorUnits ?? 0;
            var items = CouponSchedule.Periods(terms).Select(period =>
            {
                var id = Registra.Register.Register.CouponId(securityId, period.End);
                var status = register.State.Distributions.GetValueOrDefault(id)?.Status;
                return new CouponView(period.Start, period.End, CouponDayCount.Name(terms.DayCount), period.Days, period.Denominator,
                    new Amounts.Amount(period.PerUnit).Format(minorUnits + DistributionMath.PerUnitExtraDigits), terms.Currency,
                    period.RecordAt, period.PaymentAt, id, status);
            }).ToList();
            return (items, null);
        }, context.RequestAborted);
        return result.Problem ?? Results.Ok(new Page<CouponView>(result.Items!, null));
    }

    private static async Task<IResult> ScheduleCoupons(string securityId, HttpContext context, CommandGateway gateway)
    {
        var (_, problem) = await gateway.SubmitAsync(context, new Registra.CorporateActions.Distributions.ScheduleCoupons(securityId));
        if (problem is not null)
        {
            return problem;
        }

        var listed = await ListCoupons(securityId, context, gateway);
        return listed is IValueHttpResult { Value: Page<CouponView> page } ? Results.Created($"/v1/securities/{securityId}/coupons", page) : listed;
    }

    private static async Task<IResult> RedeemAtMaturity(string securityId, HttpContext context, CommandGateway gateway)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, new Registra.CorporateActions.Distributions.RedeemAtMaturity(securityId));
        if (problem is not null)
        {
            return problem;
        }

        var view = await ReadAsync(gateway, securityId, outcome!.Result.CreatedId!, CommandGateway.ActorOf(context), context);
        return Results.Ok(view);
    }
}

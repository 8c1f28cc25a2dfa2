using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Api.Features.CorporateActions;

namespace Registra.Api.Features.Distributions;

public static partial class DistributionEndpoints
{
    private static void MapCoupons(RouteGroupBuilder v1, RouteGroupBuilder group)
    {
        group.MapPost("/coupons", ScheduleCoupons)
            .Documented<CouponScheduleView>("scheduleCoupons", 201, "Announce the coupons",
                "Announces a coupon distribution for every period whose payment date has not passed and that is not announced yet. Record one day before payment. An optional body sets the withholding each coupon applies, as for other distributions. Needs the actions permission.",
                403, 404, 409, 422);
        v1.MapPost("/securities/{securityId}:redeemAtMaturity", RedeemAtMaturity).WithTags("Distributions")
            .Documented<DistributionView>("redeemAtMaturity", 200, "Redeem at maturity",
                "From the maturity date on, pays the face value per unit from the issuer's operating cash account, retires every unit and marks the security redeemed.",
                403, 404, 409);
    }

    private static async Task<IResult> ScheduleCoupons(string securityId, ScheduleCouponsRequest? request, HttpContext context, CommandGateway gateway)
    {
        var withholding = request?.Withholding;
        var (_, problem) = await gateway.SubmitAsync(context, new Registra.CorporateActions.Distributions.ScheduleCoupons(securityId,
            withholding?.DefaultPercent, withholding?.ByJurisdiction, withholding?.ByIdentity));
        if (problem is not null)
        {
            return problem;
        }

        var listed = await CouponEndpoints.GetCoupons(securityId, context, gateway);
        return listed is IValueHttpResult { Value: CouponScheduleView schedule } ? Results.Created($"/v1/securities/{securityId}/coupons", schedule) : listed;
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

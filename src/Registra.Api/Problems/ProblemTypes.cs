using Microsoft.AspNetCore.Http;

namespace Registra.Api.Problems;

/// <summary>Serves the description of each problem type URI, so a client can follow the <c>type</c> link.</summary>
internal static class ProblemTypes
{
    public static IResult Describe(string code)
    {
        var reason = Reasons.Reasons.Find(code);
        return reason is null
            ? ApiProblems.Rejected([new Reasons.Failure(Reasons.Reasons.NotFound, "problem_type", "reason code", code,
                $"No reason code is named '{code}'; the ProblemCode schema of /openapi/v1.json lists every code.") { Subject = code }])
            : Results.Ok(new { type = ApiProblems.TypePrefix + reason.Name, code = reason.Name, status = reason.HttpStatus, message = reason.Message, erc1066 = $"0x{reason.Erc1066:X2}", erc1404 = reason.Erc1404 });
    }
}

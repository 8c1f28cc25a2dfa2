using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Features.Movements;
using Registra.Api.Features.Securities;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.CorporateActions.Ballots;
using Registra.Reasons;

namespace Registra.Api.Features.Ballots;

/// <summary>Ballots of a security's holders: creation, votes, certification and results.</summary>
public static class BallotEndpoints
{
    public static RouteGroupBuilder MapBallots(this RouteGroupBuilder v1)
    {
        var ballots = v1.MapGroup("/securities/{securityId}/ballots").WithTags("Ballots");
        ballots.MapPost("", Create)
            .Documented<Receipt>("createBallot", 201, "Create a ballot",
                "Puts motions with choices to the holders. Votes weigh each identity's balance at `recordAt`, are accepted from `opensAt` until `closesAt`, and the quorum is a share of the supply at the record instant. Needs the actions permission.",
                400, 403, 404);
        ballots.MapGet("", List)
            .Documented<Page<BallotView>>("listBallots", 200, "List ballots", "Returns the security's ballots ordered by id, with their status.", 404);
        ballots.MapGet("/{ballotId}", Get)
            .Documented<BallotView>("getBallot", 200, "Get a ballot", "Returns the motions, choices, instants, quorum, status and the number of voters so far, with an ETag.", 404);
        ballots.MapPost("/{ballotId}/votes", Vote)
            .Documented<Receipt>("castVote", 201, "Vote",
                "Records one identity's choice on one or more motions while the ballot is open. A later vote on the same motion replaces the earlier one. Investors vote for their own identity; identities that held nothing at the record instant are rejected.",
                400, 403, 404, 409);
        ballots.MapPost("/{ballotId}:certify", Certify)
            .Documented<Receipt>("certifyBallot", 201, "Certify the results",
                "Tallies a closed ballot and records the results in the ledger with the sequence number they were computed at. Needs the actions permission.",
                403, 404, 409);
        ballots.MapGet("/{ballotId}/results", Results)
            .Documented<BallotResultsView>("getBallotResults", 200, "Get the certified results",
                "Returns the weight cast for each choice, the winner and outcome per motion, the turnout and whether the quorum was met. Answers 409 until the ballot is certified.",
                404, 409);
        return v1;
    }

    private static async Task<IResult> Create(string securityId, CreateBallotRequest request, HttpContext context, CommandGateway gateway)
    {
        if (BallotResultsView.ParseQuorum(request.QuorumPercent) is not { } quorum)
        {
            return ApiProblems.InvalidRequest(
                $"quorumPercent must be a percentage from 0 to 100 with at most two decimals, such as \"51\", not '{request.QuorumPercent}'.", request.QuorumPercent);
        }

        var motions = (request.Motions ?? []).Select(m => new Motion(m.Title ?? string.Empty, m.Choices ?? [])).ToList();
        var command = new CreateBallot(securityId, request.Title ?? string.Empty, request.RecordAt, request.OpensAt, request.ClosesAt, quorum, motions);
        var (outcome, problem) = await gateway.SubmitAsync(context, command);
        if (problem is not null)
        {
            return problem;
        }

        var id = outcome!.Result.CreatedId!;
        return Microsoft.AspNetCore.Http.Results.Created($"/v1/securities/{securityId}/ballots/{id}",
            new Receipt("settled", outcome.FirstSequence, outcome.BlockHeight, id));
    }

    private static async Task<IResult> List(string securityId, int? limit, string? after, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var actor = CommandGateway.ActorOf(context);
        var page = Paging.Limit(limit);
        var now = clock.GetUtcNow();
        var items = await gateway.Engine.ReadAsync(register =>
        {
            if (!register.State.Securities.TryGetValue(securityId, out var security) || !ReadScope.CanRead(actor, security.Definition.IssuerId))
            {
                return null;
            }

            return register.State.Ballots.Values
                .Where(ballot => ballot.SecurityId == securityId && (after is null || string.CompareOrdinal(ballot.Id, after) > 0))
                .OrderBy(ballot => ballot.Id, StringComparer.Ordinal)
                .Take(page + 1)
                .Select(ballot => BallotView.Of(ballot, now))
                .ToList();
        }, context.RequestAborted);
        return items is null ? SecurityEndpoints.NotFound(securityId) : Microsoft.AspNetCore.Http.Results.Ok(Paging.Page(context, items, page, view => view.Id));
    }

    private static async Task<IResult> Get(string securityId, string ballotId, HttpContext context, CommandGateway gateway, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var view = await ReadBallot(securityId, ballotId, context, gateway, (ballot, _) => BallotView.Of(ballot, now));
        if (view is null)
        {
            return NotFound(securityId, ballotId);
        }

        context.Response.Headers.ETag = ETags.Of(view);
        return Microsoft.AspNetCore.Http.Results.Ok(view);
    }

    private static Task<IResult> Vote(string securityId, string ballotId, VoteRequest request, HttpContext context, CommandGateway gateway) =>
        SubmitForBallot(securityId, ballotId, context, gateway,
            new CastVote(ballotId, request.IdentityId ?? string.Empty, (request.Votes ?? []).Select(v => new VoteChoice(v.Motion, v.Choice)).ToList()));

    private static Task<IResult> Certify(string securityId, string ballotId, HttpContext context, CommandGateway gateway) =>
        SubmitForBallot(securityId, ballotId, context, gateway, new CertifyBallot(ballotId));

    private static async Task<IResult> Results(string securityId, string ballotId, HttpContext context, CommandGateway gateway)
    {
        var view = await ReadBallot(securityId, ballotId, context, gateway, (ballot, decimals) =>
            ballot.Result is { } result ? BallotResultsView.Of(ballot, result, decimals) : (object)ballot.Id);
        return view switch
        {
            null => NotFound(securityId, ballotId),
            BallotResultsView results => Microsoft.AspNetCore.Http.Results.Ok(results),
            _ => ApiProblems.Rejected([new Failure(Reasons.Reasons.BallotNotCertified, "ballot", null, "not certified",
                $"Ballot {ballotId} has no certified results yet; an agent certifies them after the ballot closes.") { Subject = ballotId }]),
        };
    }

    /// <summary>Submits a command about a ballot after checking that the ballot belongs to the security in the path.</summary>
    private static async Task<IResult> SubmitForBallot(string securityId, string ballotId, HttpContext context, CommandGateway gateway, RegisterCommand command)
    {
        var belongs = await gateway.Engine.ReadAsync(register =>
            register.State.Ballots.TryGetValue(ballotId, out var ballot) && ballot.SecurityId == securityId, context.RequestAborted);
        return belongs ? await MovementEndpoints.Submit(context, gateway, command) : NotFound(securityId, ballotId);
    }

    /// <summary>Reads a view of the ballot, or null unless the caller may read its security and the ballot belongs to it.</summary>
    private static Task<T?> ReadBallot<T>(string securityId, string ballotId, HttpContext context, CommandGateway gateway, Func<BallotState, int, T> view)
        where T : class
    {
        var actor = CommandGateway.ActorOf(context);
        return gateway.Engine.ReadAsync(register =>
            register.State.Securities.TryGetValue(securityId, out var security) && ReadScope.CanRead(actor, security.Definition.IssuerId)
            && register.State.Ballots.TryGetValue(ballotId, out var ballot) && ballot.SecurityId == securityId
                ? view(ballot, security.Definition.Decimals)
                : null, context.RequestAborted);
    }

    private static IResult NotFound(string securityId, string ballotId) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "ballot", "ballot", ballotId,
            $"No ballot '{ballotId}' of security '{securityId}' is visible to this caller; list the security's ballots to find its id.") { Subject = ballotId }]);
}

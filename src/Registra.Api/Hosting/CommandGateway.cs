using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Registra.Access;
using Registra.Amounts;
using Registra.Api.Auth;
using Registra.Api.Problems;
using Registra.Commands;
using Registra.Ledger.Engine;
using Registra.Ledger.Requests;
using Registra.Reasons;

namespace Registra.Api.Hosting;

/// <summary>
/// The one path from an endpoint to the engine: stamps the caller as the command's actor,
/// submits it, and turns a rejection into problem details.
/// </summary>
public sealed class CommandGateway(LedgerEngine engine, WriterNode node)
{
    private readonly ConcurrentDictionary<string, int> _decimals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _issuers = new(StringComparer.Ordinal);

    public LedgerEngine Engine => engine;

    public static Actor ActorOf(HttpContext context) =>
        ActorClaims.From(context.User) ?? throw new InvalidOperationException("The endpoint requires an authenticated caller.");

    /// <summary>Submits the command as the caller and returns the accepted outcome, or the problem details to respond with.</summary>
    public async Task<(CommandOutcome? Outcome, IResult? Problem)> SubmitAsync(HttpContext context, RegisterCommand command)
    {
        // A keyed request's tag goes with the command, so its record is durable with the block.
        var tag = context.Features.Get<RequestTag>();
        var outcome = await engine.SubmitAsync(command with { Actor = ActorOf(context) }, tag, context.RequestAborted);
        if (outcome.Accepted)
        {
            return (outcome, null);
        }

        return (null, IsNotWriter(outcome) ? RedirectToWriter(context, outcome.Result.Failures) : ApiProblems.Rejected(outcome.Result.Failures));
    }

    private static bool IsNotWriter(CommandOutcome outcome) =>
        outcome.Result.Failures.Count > 0 && outcome.Result.Failures[0].Code == Reasons.Reasons.NotWriter;

    /// <summary>
    /// Sends a write that reached a follower to the writer with 307, which keeps the method and body,
    /// or answers 503 with Retry-After when no writer is known, for example during a failover.
    /// </summary>
    private IResult RedirectToWriter(HttpContext context, IReadOnlyList<Failure> failures)
    {
        var writer = node.WriterUrl;
        if (writer is null || string.Equals(writer, node.OwnUrl, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiProblems.Rejected(failures);
        }

        var request = context.Request;
        context.Response.Headers.Location = writer.TrimEnd('/') + request.PathBase + request.Path + request.QueryString;
        return ApiProblems.Rejected(failures, StatusCodes.Status307TemporaryRedirect);
    }

    /// <summary>Parses a decimal amount string with the security's decimals, which never change once created.</summary>
    public async Task<(Amount Amount, IResult? Problem)> ParseAmountAsync(string securityId, string? text, CancellationToken cancellationToken)
    {
        if (await DecimalsAsync(securityId, cancellationToken) is not { } decimals)
        {
            return (Amount.Zero, ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, "security", "security", securityId,
                $"Check the security id '{securityId}'.") { Subject = securityId }]));
        }

        var (amount, failure) = Register.Register.ParseAmount(text, decimals);
        return failure is null ? (amount, null) : (Amount.Zero, ApiProblems.Rejected([failure]));
    }

    /// <summary>Returns the security's decimals, or null when no such security exists.</summary>
    public async Task<int?> DecimalsAsync(string securityId, CancellationToken cancellationToken)
    {
        if (_decimals.TryGetValue(securityId, out var known))
        {
            return known;
        }

        var decimals = await engine.ReadAsync(r => r.State.Securities.TryGetValue(securityId, out var s) ? s.Definition.Decimals : -1, cancellationToken);
        if (decimals < 0)
        {
            return null;
        }

        _decimals[securityId] = decimals;
        return decimals;
    }

    /// <summary>Returns the issuer of a security, which never changes once created, or null when no such security exists.</summary>
    public async Task<string?> IssuerOfAsync(string securityId, CancellationToken cancellationToken)
    {
        if (_issuers.TryGetValue(securityId, out var known))
        {
            return known;
        }

        var issuer = await engine.ReadAsync(r => r.State.Securities.TryGetValue(securityId, out var s) ? s.Definition.IssuerId : null, cancellationToken);
        if (issuer is not null)
        {
            _issuers[securityId] = issuer;
        }

        return issuer;
    }

    public string Format(string securityId, Amount amount) =>
        amount.Format(_decimals.TryGetValue(securityId, out var decimals) ? decimals : 0);

    public void Remember(string securityId, int decimals) => _decimals[securityId] = decimals;
}

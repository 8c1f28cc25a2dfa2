using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Registra.Access;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Api.Problems;
using Registra.Events;
using Registra.Ledger;
using Registra.Ledger.Engine;
using Registra.Reasons;

namespace Registra.Api.Features.Ledger;

public sealed record BlockView(
    long Height,
    long FirstSequence,
    int EventCount,
    DateTimeOffset CommittedAt,
    string MerkleRoot,
    string PreviousHash,
    string Hash,
    string KeyId,
    string Signature)
{
    public static BlockView Of(SealedBlock block)
    {
        var header = block.Header;
        return new BlockView(header.Height, header.FirstSequence, header.EventCount,
            DateTimeOffset.UnixEpoch.AddTicks(header.CommittedAtUnixMicroseconds * TimeSpan.TicksPerMicrosecond),
            Convert.ToHexStringLower(header.MerkleRoot), Convert.ToHexStringLower(header.PreviousHash),
            Convert.ToHexStringLower(block.Hash), header.KeyId, Convert.ToHexStringLower(block.Signature));
    }
}

public sealed record NodeKeyView(string PublicKey, string KeyId, string Algorithm);

/// <summary>Signed blocks, inclusion proofs, the node's public key and the event stream.</summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder v1)
    {
        var ledger = v1.MapGroup("/ledger").WithTags("Ledger");
        ledger.MapGet("/blocks", ListBlocks)
            .Documented<Page<BlockView>>("listBlocks", 200, "List blocks", "Returns signed blocks from height `after` + 1 on. Operators and unscoped auditors only.", 403);
        ledger.MapGet("/blocks/{height:long}", GetBlock)
            .Documented<BlockView>("getBlock", 200, "Get a block", "Returns one signed block header with its hash and signature.", 403, 404);
        ledger.MapGet("/events/{sequence:long}/proof", GetProof)
            .Documented<InclusionProof>("getEventProof", 200, "Get an inclusion proof", "Returns the event bytes, the Merkle audit path and the signed block header, which anyone with the node key can verify offline.", 403, 404);
        ledger.MapGet("/node-key", (LedgerEngine engine) =>
            Results.Ok(new NodeKeyView(Convert.ToHexStringLower(engine.PublicKey), engine.KeyId, "Ed25519")))
            .Documented<NodeKeyView>("getNodeKey", 200, "Get the node key", "Returns the Ed25519 public key that signs blocks, in lowercase hex.");
        v1.MapGet("/events", EventStream.StreamAsync).WithTags("Ledger")
            .DocumentedStream("streamEvents", "text/event-stream", "Stream ledger events", "Streams events from sequence `from` (default 1) as server-sent events; each event id is its sequence, so a client resumes with Last-Event-ID. Issuer agents and scoped auditors receive only the events of their issuer's securities.", 403);
        return v1;
    }

    private static IResult ListBlocks(HttpContext context, LedgerEngine engine, int? limit, long? after)
    {
        if (LedgerScope.Of(CommandGateway.ActorOf(context)) is { Kind: LedgerScopeKind.None } scope)
        {
            return Denied(scope);
        }

        var page = Paging.Limit(limit);
        var blocks = engine.Store.ReadBlocks((after ?? 0) + 1).Take(page + 1).Select(BlockView.Of).ToList();
        return Results.Ok(Paging.Page(context, blocks, page, block => block.Height.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static IResult GetBlock(long height, HttpContext context, LedgerEngine engine)
    {
        if (LedgerScope.Of(CommandGateway.ActorOf(context)) is { Kind: LedgerScopeKind.None } scope)
        {
            return Denied(scope);
        }

        var block = height < 1 ? null : engine.Store.ReadBlocks(height).FirstOrDefault();
        return block is null || block.Header.Height != height
            ? NotFound("block", height)
            : Results.Ok(BlockView.Of(block));
    }

    private static async Task<IResult> GetProof(long sequence, HttpContext context, LedgerEngine engine, CommandGateway gateway)
    {
        var scope = LedgerScope.Of(CommandGateway.ActorOf(context));
        if (scope.Kind == LedgerScopeKind.None)
        {
            return Denied(scope);
        }

        var proof = sequence < 1 ? null : InclusionProof.Create(engine.Store, sequence);
        if (proof is null)
        {
            return NotFound("event", sequence);
        }

        // An issuer's agents and auditors get proofs of their own securities' events only; others look absent.
        var payload = EventCodec.Decode(Convert.FromBase64String(proof.EventBytes)).Payload;
        return await scope.AllowsAsync(payload, gateway, context.RequestAborted)
            ? Results.Text(proof.ToJson(), "application/json")
            : NotFound("event", sequence);
    }

    internal static IResult Denied(LedgerScope scope) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.PermissionDenied, "access", "operator, auditor or issuer agent", scope.Role,
            "Investors and claim issuers do not read the ledger; use an operator, auditor or issuer agent key.")]);

    private static IResult NotFound(string kind, long number) =>
        ApiProblems.Rejected([new Failure(Reasons.Reasons.NotFound, kind, kind, number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"No {kind} {number} exists yet; numbers start at 1.") { Subject = number.ToString(System.Globalization.CultureInfo.InvariantCulture) }]);
}

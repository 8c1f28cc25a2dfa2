using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Registra.Api.Hosting;
using Registra.Api.OpenApi;
using Registra.Commands;
using Registra.Securities;

namespace Registra.Api.Features.Securities;

/// <summary>Documents of a security, recorded by the SHA-256 of their files.</summary>
public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder securities)
    {
        securities.MapPost("/{securityId}/documents", AttachDocument)
            .Documented<DocumentView>("attachDocument", 201, "Attach a document",
                "Records the SHA-256, name, URI and media type of a document of the security, so holders can check their copy. The file is not uploaded. Needs the documents permission.",
                400, 403, 404, 409);
        securities.MapGet("/{securityId}/documents", ListDocuments)
            .Documented<Page<DocumentView>>("listDocuments", 200, "List the documents",
                "Returns every document of the security, ordered by name and then SHA-256, in one page.", 404);
        securities.MapDelete("/{securityId}/documents/{sha256}", (string securityId, string sha256, HttpContext context, CommandGateway gateway) =>
                SecurityEndpoints.SubmitNoContent(context, gateway, new RemoveDocument(securityId, sha256)))
            .DocumentedNoContent("removeDocument", "Remove a document",
                "Removes the document with this SHA-256 from the security. The journal keeps the record of its attachment.", 400, 403, 404);
        return securities;
    }

    private static async Task<IResult> AttachDocument(string securityId, AttachDocumentRequest request, HttpContext context, CommandGateway gateway)
    {
        var (outcome, problem) = await gateway.SubmitAsync(context, new AttachDocument(securityId, request.Name, request.Sha256, request.Uri, request.MediaType));
        if (problem is not null)
        {
            return problem;
        }

        var sha256 = outcome!.Result.CreatedId!;
        var view = await gateway.Engine.ReadAsync(register =>
            register.State.Securities.TryGetValue(securityId, out var security) && security.Documents.TryGetValue(sha256, out var document)
                ? DocumentView.Of(document)
                : null, context.RequestAborted);

        // NOTE: a remove that runs between the attach and this read leaves no document to show, so the response body is then null.
        return Results.Created($"/v1/securities/{securityId}/documents", view);
    }

    private static async Task<IResult> ListDocuments(string securityId, HttpContext context, CommandGateway gateway)
    {
        var actor = CommandGateway.ActorOf(context);
        var documents = await gateway.Engine.ReadAsync(register =>
            register.State.Securities.TryGetValue(securityId, out var security) && ReadScope.CanRead(actor, security.Definition.IssuerId)
                ? security.Documents.Values
                    .OrderBy(document => document.Name, StringComparer.Ordinal)
                    .ThenBy(document => document.Sha256, StringComparer.Ordinal)
                    .Select(DocumentView.Of)
                    .ToList()
                : null, context.RequestAborted);
        return documents is null ? SecurityEndpoints.NotFound(securityId) : Results.Ok(new { items = documents });
    }
}

/// <param name="Sha256">64 hex digits in either case. The response returns them lowercase.</param>
/// <param name="Uri">Absolute http or https URI where the file can be fetched.</param>
/// <param name="MediaType">Type and subtype, such as application/pdf.</param>
public sealed record AttachDocumentRequest(string Name, string Sha256, string? Uri = null, string? MediaType = null);

/// <param name="AttachedAt">Ledger timestamp of the attachment.</param>
public sealed record DocumentView(string Sha256, string Name, string? Uri, string? MediaType, DateTimeOffset AttachedAt)
{
    public static DocumentView Of(SecurityDocument document) =>
        new(document.Sha256, document.Name, document.Uri, document.MediaType, document.AttachedAt);
}

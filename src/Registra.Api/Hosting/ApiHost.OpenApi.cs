using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Registra.Api.OpenApi;

namespace Registra.Api.Hosting;

/// <summary>Wires the OpenAPI 3.1 document at /openapi/v1.json and the reference page at /docs.</summary>
public static class ApiDocsHosting
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePagePrefix = "docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddSchemaTransformer<SchemaTransformer>();
        });

    /// <summary>
    /// Maps the document and the Swagger UI page. The page's scripts and styles are embedded in the
    /// Swashbuckle.AspNetCore.SwaggerUI assembly and served from /docs, so it works without internet access.
    /// </summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = ReferencePagePrefix;
            ui.DocumentTitle = "Registra API reference";
            ui.SwaggerEndpoint(DocumentPath, "Registra API v1");
            ui.EnableTryItOutByDefault();
            ui.DisplayOperationId();

            // Without this, the page sends the document's URL to validator.swagger.io whenever it is served from a host other than localhost.
            ui.ConfigObject.ValidatorUrl = "none";
        });
        return app;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Registra.Api.OpenApi;

/// <summary>Applies the API-key requirement to authenticated /v1 operations and adds request and response examples.</summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = "/" + context.Description.RelativePath;
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (path.StartsWith("/v1/", StringComparison.Ordinal) && !anonymous)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentTransformer.BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentTransformer.HeaderScheme, context.Document)] = [] },
            ];
        }

        await HostRoutes.DescribeAsync(path, operation, context, cancellationToken);
        OperationExamples.Apply(operation);
    }
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansBots.Silo.Api;

/// <summary>Completes the generated OpenAPI document: request bodies read by hand and the bearer scheme.</summary>
public static class OpenApiSetup
{
    private const string Bearer = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OrleansBots API";
            document.Info.Description = "Admin endpoints take the admin token, bot endpoints a user's API key, both as a bearer token.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = Bearer,
                Description = "ADMIN_TOKEN for /api/admin/*, the user's api_key for /api/bots/*",
            };
            return Task.CompletedTask;
        });

        // A property written by a custom converter gets no type from the generator.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo?.CustomConverter is Contracts.OneDecimalJsonConverter && schema is OpenApiSchema concrete)
            {
                concrete.Type = JsonSchemaType.Number;
            }

            return Task.CompletedTask;
        });

        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
            {
                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                };
            }

            var path = context.Description.RelativePath ?? string.Empty;
            if (path.StartsWith("api/bots", StringComparison.Ordinal) || (path.StartsWith("api/admin", StringComparison.Ordinal) && path != "api/admin/health"))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            }
        });
    }
}

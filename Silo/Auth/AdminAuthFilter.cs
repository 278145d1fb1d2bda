using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.Auth;

/// <summary>Admin endpoints: the admin token as a bearer token (or the operator page's cookie).</summary>
public sealed class AdminAuthFilter(AdminToken token) : IEndpointFilter
{
    public const string CookieName = "orleansbots_admin";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = BearerToken.From(request) ?? request.Cookies[CookieName];
        if (presented is null)
        {
            return ApiResults.Unauthorized("Missing admin token: send 'Authorization: Bearer <ADMIN_TOKEN>'");
        }

        return token.Matches(presented)
            ? await next(context)
            : ApiResults.Unauthorized("Invalid admin token");
    }
}

using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.Auth;

/// <summary>Admin endpoints: the admin token as a bearer token (or the operator page's cookie).</summary>
public sealed class AdminAuthFilter(AdminToken token) : IEndpointFilter
{
    public const string CookieName = "orleansbots_admin";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(context.HttpContext.Request, token) ?? await next(context);

    /// <summary>The 401 for a request without the admin token (bearer or cookie), null when it has it.</summary>
    public static IResult? Refusal(HttpRequest request, AdminToken token)
    {
        var presented = BearerToken.From(request) ?? request.Cookies[CookieName];
        if (presented is null)
        {
            return ApiResults.Unauthorized("Missing admin token: send 'Authorization: Bearer <ADMIN_TOKEN>'");
        }

        return token.Matches(presented) ? null : ApiResults.Unauthorized("Invalid admin token");
    }
}

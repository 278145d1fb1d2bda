using OrleansBots.Silo.Api;
using OrleansBots.Users;

namespace OrleansBots.Silo.Auth;

/// <summary>User endpoints: the user's API key as a bearer token; the user id is put in the request's items.</summary>
public sealed class UserAuthFilter(IGrainFactory grains) : IEndpointFilter
{
    private const string UserIdItem = "orleansbots.user_id";

    public static string UserIdOf(HttpContext context) => (string)context.Items[UserIdItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = BearerToken.From(context.HttpContext.Request);
        if (key is null)
        {
            return ApiResults.Unauthorized("Missing API key: send 'Authorization: Bearer <api_key>'");
        }

        var userId = ApiKeys.UserIdOf(key);
        if (userId is null || !await grains.GetGrain<IUserGrain>(userId).Authenticate(ApiKeys.Hash(key)))
        {
            return ApiResults.Unauthorized("Invalid API key");
        }

        context.HttpContext.Items[UserIdItem] = userId;
        return await next(context);
    }
}

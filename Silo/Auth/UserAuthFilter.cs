using OrleansBots.Silo.Api;
using OrleansBots.Silo.RateLimiting;
using OrleansBots.Users;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// User endpoints: the user's API key as a bearer token; the user id is put in the request's items. A key whose MAC
/// does not verify is refused here, before any grain is asked; refused keys count against the caller's address
/// (<see cref="FailedAuthThrottle"/>).
/// </summary>
public sealed class UserAuthFilter(IGrainFactory grains, ApiKeySigner signer, FailedAuthThrottle throttle, IOptions<ApiKeyOptions> options) : IEndpointFilter
{
    private const string UserIdItem = "orleansbots.user_id";

    public static string UserIdOf(HttpContext context) => (string)context.Items[UserIdItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = BearerToken.From(http.Request);
        if (key is null)
        {
            return ApiResults.Unauthorized("Missing API key: send 'Authorization: Bearer <api_key>'");
        }

        if (throttle.Refusal(http) is { } throttled)
        {
            return throttled;
        }

        var presented = await signer.ReadAsync(key);
        var check = presented.Kind == ApiKeyKind.Signed || (presented.Kind == ApiKeyKind.Legacy && options.Value.AcceptLegacyKeys)
            ? await grains.GetGrain<IUserGrain>(presented.UserId!).CheckKey(ApiKeys.Hash(key))
            : KeyCheck.Invalid;
        if (check != KeyCheck.Valid)
        {
            return throttle.Failed(http) ?? (check == KeyCheck.Disabled
                ? ApiResults.Forbidden("This account is disabled; ask the operator")
                : ApiResults.Unauthorized(presented.Kind == ApiKeyKind.Legacy && !options.Value.AcceptLegacyKeys
                    ? "This API key is of the old format, no longer accepted; ask the operator for a new one"
                    : "Invalid API key"));
        }

        http.Items[UserIdItem] = presented.UserId;
        return await next(context);
    }
}

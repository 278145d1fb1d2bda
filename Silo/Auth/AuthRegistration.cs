using OrleansBots.Silo.RateLimiting;

namespace OrleansBots.Silo.Auth;

public static class AuthRegistration
{
    /// <summary>
    /// The admin token (from configuration, else generated and logged once), the operator page's sessions, API-key
    /// signing, the admin and user filters, and the HTTP rate limits they count refused credentials in.
    /// </summary>
    public static IServiceCollection AddAdminAuth(this IServiceCollection services)
    {
        services.AddSingleton(provider => AdminToken.Load(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<ILogger<AdminToken>>()));
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<ApiKeySigner>();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateOnStart();
        services.AddSingleton<AdminAuthFilter>();
        services.AddSingleton<UserAuthFilter>();
        services.AddHttpRateLimits();
        return services;
    }
}

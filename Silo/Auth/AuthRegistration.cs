namespace OrleansBots.Silo.Auth;

public static class AuthRegistration
{
    /// <summary>The admin token (from configuration, else generated and logged once) and the admin and user filters.</summary>
    public static IServiceCollection AddAdminAuth(this IServiceCollection services)
    {
        services.AddSingleton(provider => AdminToken.Load(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<ILogger<AdminToken>>()));
        services.AddSingleton<AdminAuthFilter>();
        services.AddSingleton<UserAuthFilter>();
        return services;
    }
}

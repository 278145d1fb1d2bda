using Microsoft.Extensions.DependencyInjection;

namespace OrleansBots.Users;

public static class UsersRegistration
{
    /// <summary>The <c>Users</c> section (the cap on bots a user owns), checked at start; the silo's <see cref="TradeCountBatches"/>.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddCheckedOptions<UserOptions, UserOptionsValidator>(UserOptions.Section);
        services.AddSingleton<TradeCountBatches>();
        return services;
    }
}

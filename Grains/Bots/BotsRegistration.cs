using Microsoft.Extensions.DependencyInjection;

namespace OrleansBots.Bots;

public static class BotsRegistration
{
    /// <summary>The bots' options (<c>Bots</c> section); the bot grain takes its market, tick gate and measurements from their features.</summary>
    public static IServiceCollection AddBots(this IServiceCollection services)
    {
        services.AddCheckedOptions<BotOptions, BotOptionsValidator>(BotOptions.Section);
        return services;
    }
}

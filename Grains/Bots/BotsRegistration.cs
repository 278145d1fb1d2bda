using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Bots;

public static class BotsRegistration
{
    /// <summary>The bots' options (<c>Bots</c> section) and their instruments; the bot grain takes its market, tick gate and measurements from their features.</summary>
    public static IServiceCollection AddBots(this IServiceCollection services)
    {
        services.AddCheckedOptions<BotOptions, BotOptionsValidator>(BotOptions.Section);
        services.TryAddSingleton<BotInstruments>();
        return services;
    }
}

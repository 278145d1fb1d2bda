using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using OrleansBots.Storage;

namespace OrleansBots.Bots;

public static class BotsRegistration
{
    /// <summary>
    /// The bots' options (<c>Bots</c> section), their instruments and their history store (bounded, in memory, unless
    /// <see cref="AddPostgresBotHistory"/> chose PostgreSQL); the bot grain takes its market, tick gate and
    /// measurements from their features. <see cref="UserBots"/> holds the rules of a user's requests about their bots.
    /// <see cref="RunningBotsHere"/> lists the bots running on the silo (their leases' renewal, the handover at a stop),
    /// <see cref="TickTargetsHere"/> the users their ticks call (handed over with them). <see cref="TickDriver"/> is the
    /// silo's one clock for its bots' ticks; <see cref="ResumedBots"/> logs the bots resumed after a restart, a line a second.
    /// Idle bot activations are collected after <see cref="BotOptions.IdleCollectionAge"/> (Orleans' collection age for
    /// <see cref="BotGrain"/>), not after the silo-wide default.
    /// </summary>
    public static IServiceCollection AddBots(this IServiceCollection services)
    {
        services.AddCheckedOptions<BotOptions, BotOptionsValidator>(BotOptions.Section);
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<BotOptions>>((collection, bots) =>
            collection.ClassSpecificCollectionAge[typeof(BotGrain).FullName!] = bots.Value.IdleCollectionAge);
        services.TryAddSingleton<BotInstruments>();
        services.TryAddSingleton<RunningBotsHere>();
        services.TryAddSingleton<TickTargetsHere>();
        services.TryAddSingleton<TickDriver>();
        services.TryAddSingleton(provider => new ResumedBots(
            provider.GetRequiredService<ILogger<ResumedBots>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<TickDriver>());
        services.TryAddSingleton<IBotHistory, MemoryBotHistory>();
        services.TryAddSingleton<UserBots>();
        return services;
    }

    /// <summary>Bots' history in PostgreSQL (<see cref="PostgresBotHistory"/>) instead of the silo's memory.</summary>
    public static IServiceCollection AddPostgresBotHistory(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
        services.AddPostgresRetry();
        services.AddSingleton<IBotHistory, PostgresBotHistory>();
        return services;
    }
}

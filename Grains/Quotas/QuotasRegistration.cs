using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Quotas;

public static class QuotasRegistration
{
    /// <summary>Cooldowns and hourly quotas (<c>Cooldowns</c> section), kept in the cache shards.</summary>
    public static IServiceCollection AddQuotas(this IServiceCollection services)
    {
        services.AddCheckedOptions<CooldownOptions, CooldownOptionsValidator>(CooldownOptions.Section);
        services.TryAddSingleton<Cooldowns>();
        return services;
    }
}

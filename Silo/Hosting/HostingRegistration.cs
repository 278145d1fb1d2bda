using OrleansBots.Silo.Configuration;

namespace OrleansBots.Silo.Hosting;

public static class HostingRegistration
{
    /// <summary>The seed platform's address, used when ASPNETCORE_URLS / Urls choose none.</summary>
    public const string DefaultUrl = "http://localhost:5001";

    /// <summary>The seed platform's port unless one is chosen, and one-line console logs.</summary>
    public static WebApplicationBuilder UseSiloDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            // The seed platform's port; ASPNETCORE_URLS, Urls or --urls choose another.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        return builder;
    }

    /// <summary>
    /// The silo's own background work beside the grains: quieter logs under load, the bottleneck board feed,
    /// the retention sweep of PostgreSQL and the capacity watch. Registered after the silo, so they stop before it.
    /// </summary>
    public static IServiceCollection AddPlatformHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBusyLogFilter();
        services.AddHostedService<BottleneckBoardFeed>();
        if (StorageSettings.Read(configuration).Postgres is not null)
        {
            services.AddHostedService<MetricsRetention>();
        }

        services.AddHostedService<CapacityWatch>();
        return services;
    }
}

using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Events;
using OrleansBots.Feeds;
using OrleansBots.Monitoring;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Failover;
using OrleansBots.Silo.Storage;
using OrleansBots.Storage;
using OrleansBots.Users;
using StackExchange.Redis;

namespace OrleansBots.Silo.Hosting;

/// <summary>Chooses clustering and storage from the connection strings: unset means one silo, in memory.</summary>
public static class OrleansSetup
{
    private const string AdoNetStore = "platform-adonet";

    /// <summary>The silo itself: clustering, grain storage, the metrics pipeline, the capacity warm-up, the dashboard and the hardware budgets.</summary>
    public static ISiloBuilder AddPlatformSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = StorageSettings.Read(configuration);
        silo.CacheGrainInterfaceTypes();
        ConfigureClustering(silo, configuration, storage);
        silo.UseConfiguredSiloName(configuration);
        ClusterTls.Apply(silo, configuration);
        ConfigureStorage(silo, storage);
        silo.AddMetricsPipeline(storage.Postgres);
        silo.AddEventStreams();
        if (FeedsRegistration.AnyConfigured(configuration))
        {
            silo.AddFeedStreams();
        }
        silo.AddStartupTask<CapacityWarmup>();
        silo.AddFailover(configuration);
        // Orleans' gauges cost in proportion to the activations (two of them walk every one): sampled every 5 s, like
        // the operator page's refresh and the resource monitor, instead of every second.
        silo.AddDashboard(options => options.CounterUpdateIntervalMs = 5000);
        silo.SampleDashboardAtItsCounterInterval();
        HardwareStartup.Apply(silo, HardwareStartup.CacheSizeConfigured(configuration));
        return silo;
    }

    public static void ConfigureClustering(ISiloBuilder silo, IConfiguration configuration, StorageSettings storage)
    {
        var orleans = configuration.GetSection("Orleans");
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = orleans["ClusterId"] is { Length: > 0 } cluster ? cluster : "orleansbots";
            options.ServiceId = orleans["ServiceId"] is { Length: > 0 } service ? service : "orleansbots";
        });

        var siloPort = orleans.GetValue("SiloPort", 11111);
        var gatewayPort = orleans.GetValue("GatewayPort", 30000);
        if (storage.Redis is null)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
        }
        else
        {
            var advertised = orleans["AdvertisedIP"] is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
            // Only the advertised address unless told otherwise: the cluster ports must not open on every interface.
            silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: orleans.GetValue("ListenOnAnyHostAddress", false));
            silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(storage.Redis));
            silo.Configure<ClusterMembershipOptions>(orleans.GetSection("Membership"));
        }
    }

    /// <summary>
    /// In-memory grain storage (kept in Orleans' binary format, <see cref="CompactStateSerializer"/>), or PostgreSQL: grain
    /// states in batches (<see cref="PostgresGrainStorage"/>; Orleans' ADO.NET provider behind
    /// <see cref="IdentityScopedGrainStorage"/> still reads the states earlier versions stored), the capacity leases and
    /// bots' history in tables of their own, all riding out a short outage of the server (<see cref="PostgresRetry"/>).
    /// </summary>
    public static void ConfigureStorage(ISiloBuilder silo, StorageSettings storage)
    {
        if (storage.Postgres is null)
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddOptions<MemoryGrainStorageOptions>(StateNames.Store)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new CompactStateSerializer(serializer));
            silo.Services.PostConfigure<BotOptions>(options => options.SaveInterval ??= TimeSpan.FromHours(1));
            silo.Services.PostConfigure<UserOptions>(options => options.WriteEachTrade ??= false);
        }
        else
        {
            // A pool of its own (the leases and history have theirs), whose connections open through a short outage.
            silo.Services.AddPostgresRetry();
            silo.Services.AddKeyedSingleton(AdoNetStore, (services, _) => new RetryingDataSource(
                Npgsql.NpgsqlDataSource.Create(storage.Postgres), services.GetRequiredService<PostgresRetry>()));
            silo.AddAdoNetGrainStorage(AdoNetStore, options => options.Configure<IServiceProvider>((adoNet, services) =>
            {
                adoNet.Invariant = "Npgsql";
                adoNet.DataSource = services.GetRequiredKeyedService<RetryingDataSource>(AdoNetStore);
            }));
            silo.Services.SerializeStorageErrors();
            silo.Services.AddPostgresLeases(storage.Postgres);
            silo.Services.AddPostgresBotHistory(storage.Postgres);
            silo.Services.AddPostgresGrainStorage(StateNames.Store, storage.Postgres, legacy: services => new IdentityScopedGrainStorage(new RetryingGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(AdoNetStore), services.GetRequiredService<PostgresRetry>())));
            silo.Services.PostConfigure<OrleansJsonSerializerOptions>(options =>
            {
                var settings = options.JsonSerializerSettings;
                settings.SerializationBinder = new StoredTypeNames(settings.SerializationBinder ?? new Newtonsoft.Json.Serialization.DefaultSerializationBinder(), [typeof(StateNames).Assembly, typeof(IBotGrain).Assembly]);
            });
        }
    }
}

using OrleansBots;
using OrleansBots.Bots;
using OrleansBots.Cache;
using OrleansBots.Capacity;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Market.Egress;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Quotas;
using OrleansBots.Silo.Api;
using OrleansBots.Silo.Auth;
using OrleansBots.Silo.Charts;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Storage;

var dotEnv = DotEnvFile.Load();
var command = args.FirstOrDefault();
var builder = WebApplication.CreateBuilder(command == "migrate" ? args[1..] : args);

if (command == "migrate")
{
    return await MigrateCommand.RunAsync(builder.Configuration);
}

var aliasProblems = SettingAliases.Apply(builder.Configuration);
var (settings, problems) = PlatformSettings.Read(builder.Configuration);
problems = [.. problems, .. aliasProblems, .. StartupChecks.Problems(builder.Configuration)];
if (settings is null || problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"Invalid configuration: {problem}");
    }

    Console.Error.WriteLine("The silo did not start. Fix the settings above (environment, .env or appsettings.json).");
    return 2;
}

var storage = StorageSettings.Read(builder.Configuration);
if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    // The seed platform's port; ASPNETCORE_URLS, Urls or --urls choose another.
    builder.WebHost.UseUrls("http://localhost:5001");
}

builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});

var hardware = HardwareStartup.Probe(builder.Configuration, TimeProvider.System);
var cacheSizeConfigured = HardwareStartup.CacheSizeConfigured(builder.Configuration);
var services = builder.Services;
services.AddSingleton(hardware);

// Before the silo: hosted services stop in reverse order, so the alert webhook and the resource monitor
// still run while the silo stops and the metrics publisher sends its last batch.
services.AddPlatformGrainServices();
builder.UseOrleans(silo =>
{
    OrleansSetup.Configure(silo, builder.Configuration, storage);
    HardwareStartup.Apply(silo, builder.Services, hardware, cacheSizeConfigured);
});

services.AddSingleton(settings);
services.AddSingleton(storage);
services.AddOptions<HardwareOptions>().BindConfiguration(HardwareOptions.Section);
services.AddBusyLogFilter();
services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.Section).Configure(o => o.ConfiguredLimits = settings.Limits);
services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section);
services.AddOptions<MarketOptions>().BindConfiguration(MarketOptions.Section);
services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.Section);
services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section);
services.AddOptions<CooldownOptions>().BindConfiguration(CooldownOptions.Section);
services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
services.AddSingleton<AlertList>();
services.AddSingleton<ChartSource>();
services.AddSingleton<RenderedCharts>();
services.AddHostedService<BottleneckBoardFeed>();
services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).PostConfigure(o =>
{
    if (builder.Configuration["Metrics:SpoolDirectory"] is not { Length: > 0 })
    {
        o.SpoolDirectory = Path.Combine(builder.Configuration["DATA_DIR"] is { Length: > 0 } data ? data : "data", "metrics-spool");
    }
});
if (storage.Postgres is not null)
{
    services.AddHostedService<MetricsRetention>();
}

services.AddSingleton(sp => AdminToken.Load(builder.Configuration, sp.GetRequiredService<ILogger<AdminToken>>()));
services.AddSingleton<AdminAuthFilter>();
services.AddSingleton<UserAuthFilter>();
services.AddSingleton<SiloDirectory>();
services.AddHostedService<CapacityWatch>();
services.AddSingleton<DependencyProbe>();
services.AddExceptionHandler<ApiExceptionHandler>();
services.AddProblemDetails();
services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
services.AddOpenApi(OpenApiSetup.Configure);
services.AddPrometheusMetrics();

var app = builder.Build();
var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansBots");
log.LogInformation(".env: {DotEnv}", dotEnv ?? "none found");
log.LogInformation(
    "Limits: MAX_CONCURRENT_BOTS={Max} MAX_BOTS_PER_USER={PerUser} MAX_TRADES_PER_DAY={Trades} ALERT_THRESHOLD={Alert}",
    settings.Limits.MaxConcurrentBots, settings.Limits.MaxBotsPerUser, settings.Limits.MaxTradesPerDay, settings.Limits.AlertThreshold);
log.LogInformation(storage.Redis is null
    ? "Clustering: localhost, one silo (ConnectionStrings__Redis is not set)"
    : "Clustering: Redis at {Redis}", storage.DescribeRedis());
log.LogInformation(storage.Postgres is null
    ? "Storage: in memory; state is lost when the silo stops (ConnectionStrings__Postgres is not set)"
    : "Storage: PostgreSQL at {Postgres}", storage.DescribePostgres());
foreach (var line in HardwareStartup.Describe(hardware, cacheSizeConfigured).Split('\n'))
{
    log.LogInformation("{Hardware}", line);
}

app.Services.GetRequiredService<AdminToken>();

if (storage.Postgres is not null && builder.Configuration.GetValue("Storage:MigrateOnStart", true))
{
    try
    {
        await new SchemaMigrator(storage.Postgres, log).ApplyAsync(CancellationToken.None);
    }
    catch (Exception error) when (error is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or ArgumentException)
    {
        log.LogCritical("PostgreSQL at {Where} could not be prepared: {Error}. The silo did not start.", storage.DescribePostgres(), error.Message);
        return 1;
    }
}

app.UseExceptionHandler();
app.UseStatusCodePages(ApiResults.WriteBareStatusAsync);
app.MapOpenApi("/openapi/{documentName}.json");
app.MapHealthEndpoints();
app.MapPrometheusMetrics();
app.MapAdminEndpoints();
app.MapBotEndpoints();
app.MapCacheEndpoints();
app.MapMetricsEndpoints();
app.MapAdminPage();
app.MapChartEndpoints();
app.MapDashboard();
app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();

await app.RunAsync();
return 0;

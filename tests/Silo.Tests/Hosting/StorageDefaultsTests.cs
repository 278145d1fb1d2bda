using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBots.Bots;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;
using OrleansBots.Users;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>What a trade and a routine save write depends on the storage: in memory nothing outlives the silo.</summary>
public sealed class StorageDefaultsTests
{
    [Fact]
    public void InMemoryATradeNeitherSavesTheBotNorWaitsForItsCountAndRoutineSavesAreHourly()
    {
        using var host = Build(postgres: null);

        var (bots, users) = Options(host);

        Assert.Equal((false, TimeSpan.FromHours(1)), (bots.SaveEachTrade, bots.RoutineSaveInterval));
        Assert.False(users.WriteEachTrade);
    }

    [Fact]
    public void OnPostgresATradeGoesToTheHistoryWithoutASaveOfItsOwnAndRoutineSavesComeEveryFiveMinutes()
    {
        using var host = Build(postgres: "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d");

        var (bots, users) = Options(host);

        Assert.False(bots.SaveEachTrade);
        Assert.Equal(TimeSpan.FromMinutes(5), bots.RoutineSaveInterval);
        Assert.NotEqual(false, users.WriteEachTrade);
    }

    [Fact]
    public void AnIntervalSetByTheOperatorIsKeptInMemory()
    {
        using var host = Build(postgres: null, configure: services => services.Configure<BotOptions>(o => o.SaveInterval = TimeSpan.FromMinutes(2)));

        Assert.Equal(TimeSpan.FromMinutes(2), Options(host).Bots.RoutineSaveInterval);
    }

    private static IHost Build(string? postgres, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        configure?.Invoke(builder.Services);
        builder.UseOrleans(silo => OrleansSetup.ConfigureStorage(silo, new StorageSettings(postgres, null)));
        return builder.Build();
    }

    private static (BotOptions Bots, UserOptions Users) Options(IHost host) =>
        (host.Services.GetRequiredService<IOptions<BotOptions>>().Value, host.Services.GetRequiredService<IOptions<UserOptions>>().Value);
}

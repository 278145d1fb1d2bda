using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBots.Hardware;
using OrleansBots.Silo.Hosting;

namespace OrleansBots.Silo.Tests.Hardware;

public sealed class BusyLogFilterTests
{
    [Fact]
    public void OverTheCpuTargetInformationOfHotCategoriesIsDroppedAndWarningsAndSummariesPass()
    {
        var load = new Load();
        var written = new List<string>();
        using var services = new ServiceCollection()
            .AddSingleton<ISiloLoad>(load)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(new ListProvider(written)))
            .AddBusyLogFilter()
            .BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();
        var bots = factory.CreateLogger("OrleansBots.Bots.BotGrain");
        var capacity = factory.CreateLogger("OrleansBots.Capacity.CapacityGrain");
        var resumed = factory.CreateLogger("OrleansBots.Bots.ResumedBots");

        bots.LogInformation("calm info");
        load.Over = true;
        bots.LogInformation("busy info");
        bots.LogWarning("busy warning");
        capacity.LogInformation("busy capacity info");
        resumed.LogInformation("busy summary of resumed bots");
        load.Over = false;
        bots.LogInformation("calm again");

        Assert.Equal(["calm info", "busy warning", "busy capacity info", "busy summary of resumed bots", "calm again"], written);
    }

    [Fact]
    public void ASummaryKeepsTheLevelConfiguredForItsCategoryOrTheOnesAboveIt()
    {
        var written = new List<string>();
        using var services = new ServiceCollection()
            .AddSingleton<ISiloLoad>(new Load { Over = true })
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddFilter("OrleansBots.Bots", LogLevel.Warning).AddProvider(new ListProvider(written)))
            .AddBusyLogFilter()
            .BuildServiceProvider();
        var resumed = services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansBots.Bots.ResumedBots");

        resumed.LogInformation("summary below the configured level");
        resumed.LogWarning("warning");

        Assert.Equal(["warning"], written);
    }

    private sealed class Load : ISiloLoad
    {
        public bool Over { get; set; }

        public double CpuPercent => Over ? 95 : 10;

        public double MemoryPercent => 10;

        public bool OverCpuTarget => Over;
    }

    private sealed class ListProvider(List<string> written) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(written);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(List<string> written) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            written.Add(formatter(state, exception));
    }
}

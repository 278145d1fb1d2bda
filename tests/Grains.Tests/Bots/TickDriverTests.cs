using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class TickDriverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DueTicksRunOnTheDriversOwnThreadNotOnThePoolsAndTheThreadEndsWithTheSilosStop()
    {
        var (driver, lifecycle) = await StartedDriverAsync();

        var fired = new TaskCompletionSource<Thread>(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.Schedule(new ScheduledTick(_ => fired.TrySetResult(Thread.CurrentThread)), TimeProvider.System.GetTimestamp());
        var thread = await fired.Task.WaitAsync(Patience);

        Assert.False(thread.IsThreadPoolThread);
        Assert.Equal(TickDriver.ThreadName, thread.Name);

        await lifecycle.OnStop();
        Assert.True(thread.Join(Patience), "the driver's thread still runs after the silo stopped");
    }

    [Fact]
    public async Task ATickThatThrowsDoesNotStopTheOthers()
    {
        var (driver, lifecycle) = await StartedDriverAsync();

        var now = TimeProvider.System.GetTimestamp();
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.Schedule(new ScheduledTick(_ => throw new InvalidOperationException("a bot's tick went wrong")), now);
        driver.Schedule(new ScheduledTick(_ => later.TrySetResult()), now + TimeProvider.System.TimestampFrequency / 20);

        await later.Task.WaitAsync(Patience);
        await lifecycle.OnStop();
    }

    // The driver started the way a silo starts it: through the silo's lifecycle, at its stage.
    private static async Task<(TickDriver Driver, SiloLifecycleSubject Lifecycle)> StartedDriverAsync()
    {
        var driver = new TickDriver(TimeProvider.System, NullLogger<TickDriver>.Instance);
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        driver.Participate(lifecycle);
        await lifecycle.OnStart();
        return (driver, lifecycle);
    }
}

namespace OrleansBots.Bots;

/// <summary>
/// The silo's one clock for its running bots' ticks. Every <see cref="Resolution"/> it runs, on its own thread, each bot's
/// tick that is due (<see cref="ScheduledTick"/>); the bot takes a grain turn only for what must wait (see
/// <see cref="BotGrain"/>, <see cref="TickLatch"/>). A grain timer made every tick an Orleans message through the
/// activation's queues, and a work item queued on the activation still wrote a fresh task into its long-lived queue:
/// at 100,000 bots that was 20,000 such writes a second, and each young collection spent most of its 16–18 ms pause
/// marking through them, which every other call on the silo waited out (the capacity API's p99 rose from 3 ms at
/// 10,000 bots to 37 ms at 100,000). A bot schedules its next tick when one ends, like a timer whose period counts from
/// the end of the tick. Runs from the silo's start to the end of its stop.
/// <para>
/// Its rounds run on a thread of its own, not the thread pool's: at 100,000 bots a round is a few milliseconds of CPU
/// every 10 ms, and on a 2-core silo (two pool threads) it held one of the two pool threads for that long, so the
/// requests and grain calls queued behind it waited for the other.
/// </para>
/// </summary>
public sealed class TickDriver(TimeProvider time, ILogger<TickDriver> logger) : ActiveSiloLoop
{
    /// <summary>The name of the driver's thread, as a debugger or a thread dump shows it.</summary>
    public const string ThreadName = "Tick driver";

    /// <summary>How often the driver looks for due ticks: the most a tick starts late on a silo with time to spare, and how soon a tick that found its bot busy is tried again.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(10);

    private readonly TickSchedule _schedule = new();

    /// <summary>The bot's tick is due at <paramref name="due"/> (a timestamp of the silo's <see cref="TimeProvider"/>).</summary>
    public void Schedule(ScheduledTick tick, long due) => _schedule.Schedule(tick, due);

    public void Cancel(ScheduledTick tick) => _schedule.Cancel(tick);

    // Started before grains run and stopped after the silo's grains are gone: bots tick until they are handed over or saved.
    protected override int Stage => ServiceLifecycleStage.RuntimeGrainServices;

    // A thread of its own rather than TaskCreationOptions.LongRunning: on .NET 10 a long-running task's thread was still
    // alive seconds after its task ended, and the driver's thread is to end with the silo's stop.
    protected override Task RunAsync(CancellationToken stopping)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Drive(stopping);
                ended.SetResult();
            }
            catch (OperationCanceledException)
            {
                ended.SetResult();
            }
            catch (Exception error)
            {
                ended.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = ThreadName,
        };
        thread.Start();
        return ended.Task;
    }

    // Blocking between rounds is this thread's whole job: it waits for the timer rather than hand each round to the pool.
    private void Drive(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Resolution, time);
        var due = new List<ScheduledTick>();
        while (timer.WaitForNextTickAsync(stopping).AsTask().GetAwaiter().GetResult())
        {
            due.Clear();
            _schedule.TakeDue(time.GetTimestamp(), due);
            foreach (var tick in due)
            {
                Fire(tick);
            }
        }
    }

    private void Fire(ScheduledTick tick)
    {
        try
        {
            tick.Fire();
        }
        catch (Exception error)
        {
            // One bot's tick going wrong must not stop every other bot's.
            logger.LogWarning(error, "A bot's tick failed on the tick driver");
        }
    }
}

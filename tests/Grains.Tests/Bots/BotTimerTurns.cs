using System.Collections.Concurrent;
using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

/// <summary>Counts the timer turns each bot grain takes, to see which of its ticks needed one.</summary>
public sealed class BotTimerTurns : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<GrainId, int> Counts = new();

    public static int Of(GrainId bot) => Counts.GetValueOrDefault(bot);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Orleans hands a grain timer's tick to call filters as a call of IGrainTimerInvoker.InvokeCallbackAsync.
        if (context.Grain is BotGrain && context.MethodName == "InvokeCallbackAsync")
        {
            Counts.AddOrUpdate(context.TargetId, 1, (_, count) => count + 1);
        }

        return context.Invoke();
    }
}

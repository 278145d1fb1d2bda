using System.Collections.Concurrent;

namespace OrleansBots.Tests;

/// <summary>
/// Holds the test silo's outgoing grain calls of one method whose first argument is a given string until the test
/// releases them, so a test can act while a grain call is suspended at that await (e.g. call a grain again in between).
/// </summary>
public sealed class HeldCalls : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Method, string Argument), Holding> Holds = new();

    /// <summary>Holds the next calls of <paramref name="method"/> with <paramref name="argument"/> first, until released.</summary>
    public static Holding Hold(string method, string argument)
    {
        var hold = new Holding(() => Holds.TryRemove((method, argument), out _));
        Holds[(method, argument)] = hold;
        return hold;
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Holds.IsEmpty
            || context.Request.GetArgumentCount() == 0
            || context.Request.GetArgument(0) is not string argument
            || !Holds.TryGetValue((context.InterfaceMethod.Name, argument), out var hold))
        {
            return context.Invoke();
        }

        return HeldAsync(context, hold);
    }

    private static async Task HeldAsync(IOutgoingGrainCallContext context, Holding hold)
    {
        hold.Reached();
        await hold.Released;
        await context.Invoke();
    }

    /// <summary>One hold: tells when a call reached it, and lets the held calls go.</summary>
    public sealed class Holding(Action remove)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the first held call arrives.</summary>
        public Task Arrived => _reached.Task;

        internal Task Released => _released.Task;

        internal void Reached() => _reached.TrySetResult();

        /// <summary>Lets every held call go on, and holds no more.</summary>
        public void Release()
        {
            remove();
            _released.TrySetResult();
        }
    }
}

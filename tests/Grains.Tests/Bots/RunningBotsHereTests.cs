using System.Reflection;
using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class RunningBotsHereTests
{
    [Fact]
    public void ABotThatStoppedIsNoLongerAmongTheSilosRunningBots()
    {
        var running = new RunningBotsHere();
        var b1 = Activation.Active();
        running.Add("b1", b1);
        running.Add("b2", Activation.Active());

        running.Remove("b1", b1);

        Assert.Equal(["b2"], running.Snapshot().Select(b => b.BotId));
    }

    [Fact]
    public void AnActivationDeactivatedWithoutRemovingItselfIsDroppedAtTheNextSnapshot()
    {
        var running = new RunningBotsHere();
        var deactivated = new TaskCompletionSource();
        running.Add("b1", Activation.Of(deactivated.Task));
        running.Add("b2", Activation.Active());

        deactivated.SetResult();

        Assert.Equal(["b2"], running.Snapshot().Select(b => b.BotId));
        Assert.Equal(1, running.Count);
    }

    [Fact]
    public void AnOldActivationsRemovalLeavesTheNewActivationOfTheSameBotRunning()
    {
        var running = new RunningBotsHere();
        var old = Activation.Active();
        var moved = Activation.Active();
        running.Add("b1", old);
        running.Add("b1", moved);

        running.Remove("b1", old);

        var bot = Assert.Single(running.Snapshot());
        Assert.Equal("b1", bot.BotId);
        Assert.Same(moved, bot.Activation);
    }

    /// <summary>An activation that only answers whether it has deactivated, all the registry asks of one.</summary>
    public class Activation : DispatchProxy
    {
        private Task _deactivated = new TaskCompletionSource().Task;

        public static IGrainContext Active() => Of(new TaskCompletionSource().Task);

        public static IGrainContext Of(Task deactivated)
        {
            var context = Create<IGrainContext, Activation>();
            ((Activation)(object)context)._deactivated = deactivated;
            return context;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) => method?.Name switch
        {
            "get_" + nameof(IGrainContext.Deactivated) => _deactivated,
            nameof(Equals) => ReferenceEquals(this, args![0]),
            _ => throw new NotSupportedException(method?.Name),
        };
    }
}

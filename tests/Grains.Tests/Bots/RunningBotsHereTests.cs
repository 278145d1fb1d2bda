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

    [Fact]
    public void CountingTheBotsAsksNoActivationAndTheNextWalkForgetsOnesThatDeactivated()
    {
        var running = new RunningBotsHere();
        var deactivated = new TaskCompletionSource();
        var gone = Activation.Of(deactivated.Task);
        var staying = Activation.Active();
        running.Add("b1", gone);
        running.Add("b2", staying);
        deactivated.SetResult();

        Assert.Equal(2, running.Count);
        Assert.Equal(0, Activation.AskedOf(gone) + Activation.AskedOf(staying));

        _ = running.IdsInBatches(10).ToList();

        Assert.Equal(1, running.Count);
        Assert.Equal(1, Activation.AskedOf(gone));
    }

    [Fact]
    public void TheLiveBotsIdsComeInBatchesOfTheAskedSizeWithTheRestInALastShorterOne()
    {
        var running = new RunningBotsHere();
        var deactivated = new TaskCompletionSource();
        for (var i = 0; i < 7; i++)
        {
            running.Add($"b{i}", Activation.Active());
        }

        running.Add("gone", Activation.Of(deactivated.Task));
        deactivated.SetResult();

        var batches = running.IdsInBatches(3).ToList();

        Assert.Equal([3, 3, 1], batches.Select(batch => batch.Length));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"b{i}").Order(), batches.SelectMany(batch => batch).Order());
        Assert.Equal(7, running.Count);
    }

    /// <summary>An activation that only answers whether it has deactivated, all the registry asks of one.</summary>
    public class Activation : DispatchProxy
    {
        private Task _deactivated = new TaskCompletionSource().Task;
        private int _asked;

        /// <summary>How many times the registry asked this activation whether it has deactivated.</summary>
        public static int AskedOf(IGrainContext context) => ((Activation)(object)context)._asked;

        public static IGrainContext Active() => Of(new TaskCompletionSource().Task);

        public static IGrainContext Of(Task deactivated)
        {
            var context = Create<IGrainContext, Activation>();
            ((Activation)(object)context)._deactivated = deactivated;
            return context;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) => method?.Name switch
        {
            "get_" + nameof(IGrainContext.Deactivated) => Asked(),
            nameof(Equals) => ReferenceEquals(this, args![0]),
            _ => throw new NotSupportedException(method?.Name),
        };

        private Task Asked()
        {
            _asked++;
            return _deactivated;
        }
    }
}

using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class TickGateTests
{
    [Fact]
    public async Task TicksOverTheBudgetWaitTheirTurnInsteadOfBeingDropped()
    {
        using var gate = new TickGate(1);
        using var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);

        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Waiting);
        first.Dispose();
        using var turn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(turn.IsAcquired);
        Assert.Equal(0, gate.Skipped);
    }
}

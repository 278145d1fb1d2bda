using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

[Collection(ClusterCollection.Name)]
public sealed class BotFailoverTests(ClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private static BotDefinition Definition => new("retried", BotKind.Trading, ["BTCUSDT"], 1, 2, 4, 0.5m);

    [Fact]
    public async Task ACreateRetriedByItsUserAnswersTheBotTheFirstAttemptCreatedOnce()
    {
        var userId = $"{_run}-retrier";
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-retried");

        var first = await bot.Create(userId, Definition);
        var retried = await bot.Create(userId, Definition);

        Assert.Equal((first.BotId, first.UserId, first.CreatedAt), (retried.BotId, retried.UserId, retried.CreatedAt));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Create($"{_run}-someone-else", Definition));
    }
}

using Microsoft.Extensions.Time.Testing;
using OrleansBots.Chat;
using OrleansBots.Quotas;

namespace OrleansBots.Tests.Chat;

public sealed class CommandCooldownsTests
{
    private static readonly ChatCommand Ask = new(ChatCommand.Ask, "why?");
    private static readonly ChatCommand Price = new("price", string.Empty);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));

    [Fact]
    public void AViewerWaitsTheirCooldownBetweenCommands()
    {
        var cooldowns = new CommandCooldowns(TimeSpan.FromSeconds(10), 20, TimeSpan.Zero, _time);

        var first = cooldowns.TryUse("viewer", Ask, moderator: false);
        var tooSoon = cooldowns.TryUse("Viewer", Ask, moderator: false);
        var other = cooldowns.TryUse("someone-else", Ask, moderator: false);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(first.Allowed);
        Assert.Equal(CooldownLimit.Cooldown, tooSoon.Limit);
        Assert.True(other.Allowed);
        Assert.True(cooldowns.TryUse("viewer", Ask, moderator: false).Allowed);
    }

    [Fact]
    public void AViewerGetsTwentyCommandsAnHour()
    {
        var cooldowns = new CommandCooldowns(TimeSpan.FromSeconds(10), 20, TimeSpan.Zero, _time);
        var allowed = 0;
        for (var i = 0; i < 30; i++)
        {
            allowed += cooldowns.TryUse("viewer", Ask, moderator: false).Allowed ? 1 : 0;
            _time.Advance(TimeSpan.FromSeconds(11));
        }

        var refused = cooldowns.TryUse("viewer", Ask, moderator: false);

        Assert.Equal(20, allowed);
        Assert.Equal(CooldownLimit.HourlyQuota, refused.Limit);
    }

    [Fact]
    public void ASharedCommandHasAChannelWideCooldownButQuestionsDoNot()
    {
        var cooldowns = new CommandCooldowns(TimeSpan.Zero, 0, TimeSpan.FromSeconds(10), _time);

        Assert.True(cooldowns.TryUse("a", Price, moderator: false).Allowed);
        Assert.False(cooldowns.TryUse("b", Price, moderator: false).Allowed);
        Assert.True(cooldowns.TryUse("b", Ask, moderator: false).Allowed);
    }

    [Fact]
    public void ModeratorsPassEveryLimitWithoutBeingCounted()
    {
        var cooldowns = new CommandCooldowns(TimeSpan.FromSeconds(10), 1, TimeSpan.FromSeconds(10), _time);

        var passes = Enumerable.Range(0, 5).Count(_ => cooldowns.TryUse("mod", Price, moderator: true).Allowed);

        Assert.Equal(5, passes);
        Assert.Equal(0, cooldowns.Senders);
        Assert.True(cooldowns.TryUse("viewer", Price, moderator: false).Allowed);
    }

    [Fact]
    public void ViewersAreForgottenOnceBothTheirHourlyWindowsAreOver()
    {
        var cooldowns = new CommandCooldowns(TimeSpan.FromSeconds(10), 20, TimeSpan.Zero, _time);
        for (var i = 0; i < 1000; i++)
        {
            cooldowns.TryUse("viewer" + i, Ask, moderator: false);
        }

        // The sliding-window book keeps a key for its current and previous hour.
        _time.Advance(TimeSpan.FromMinutes(121));
        var forgotten = cooldowns.Sweep(5000);

        Assert.Equal(1000, forgotten);
        Assert.Equal(0, cooldowns.Senders);
    }
}

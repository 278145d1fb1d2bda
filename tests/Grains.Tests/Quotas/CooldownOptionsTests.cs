using OrleansBots.Quotas;

namespace OrleansBots.Tests.Quotas;

public sealed class CooldownOptionsTests
{
    [Fact]
    public void TheDefaultsAreValidAndLetAScriptCreateStartAndStopTenBotsInARow()
    {
        var options = new CooldownOptions();

        Assert.Null(CooldownOptionsValidator.Problem(options));
        Assert.Equal(new CooldownRule(TimeSpan.FromSeconds(10), 20), options.DefaultRule);
        Assert.Equal(TimeSpan.FromHours(1), options.MaxIdleTime);
        Assert.Equal(TimeSpan.Zero, options.BotActionRule.Cooldown);
        Assert.True(options.BotActionRule.HourlyQuota >= 30);
    }

    [Theory]
    [InlineData("HourlyQuota", "Cooldowns:HourlyQuota")]
    [InlineData("Cooldown", "Cooldowns:Cooldown")]
    [InlineData("MaxIdleTime", "Cooldowns:MaxIdleTime")]
    [InlineData("IdleRemovedPerSweep", "Cooldowns:IdleRemovedPerSweep")]
    public void AnInvalidSettingIsNamedInTheProblem(string setting, string named)
    {
        var options = new CooldownOptions();
        switch (setting)
        {
            case "HourlyQuota": options.HourlyQuota = -1; break;
            case "Cooldown": options.Cooldown = TimeSpan.FromSeconds(-1); break;
            case "MaxIdleTime": options.MaxIdleTime = TimeSpan.FromMinutes(59); break;
            default: options.IdleRemovedPerSweep = 0; break;
        }

        Assert.Contains(named, CooldownOptionsValidator.Problem(options));
    }

    [Fact]
    public void ACooldownLongerThanTheMaxIdleTimeIsRefusedSoForgettingNeverLiftsALimit()
    {
        Assert.Contains("Cooldowns:MaxIdleTime", CooldownOptionsValidator.Problem(new CooldownOptions { BotActionCooldown = TimeSpan.FromHours(2) }));
    }
}

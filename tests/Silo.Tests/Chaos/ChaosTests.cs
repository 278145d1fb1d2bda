using OrleansBots.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// Three silo processes on Redis and PostgreSQL under kill -9, SIGTERM, SIGSTOP and store restarts, with bots
/// running: they tick again within the goals, admission never exceeds the maximum, no trade is lost or
/// repeated, and the silos that stay up answer no 5xx. scripts/chaos.sh runs the long variant.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [RequiresServersFact(redis: true)]
    public async Task UnderChaosEveryBotTicksAgainWithinItsGoalAndNothingIsLostOrAdmittedTwice()
    {
        var settings = ChaosSettings.FromEnvironment();
        var report = await new ChaosRun(settings, line => output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {line}")).RunAsync();
        var text = report.ToText();
        output.WriteLine(text);
        if (settings.ReportFile is { } file)
        {
            await File.WriteAllTextAsync(file, text);
        }

        Assert.True(report.Events.All(e => e.MetGoal(report.Resolution, settings.GoalFactor)), $"goals × {settings.GoalFactor}:\n{text}");
        Assert.Equal(0, report.OverAdmissions);
        Assert.Equal(0, report.ExtraAdmitted);
        Assert.Empty(report.NotRunningAtEnd);
        Assert.Empty(report.TradeProblems);
        Assert.True(report.ServerErrors == 0 && report.Unanswered == 0, text);
        Assert.True(report.Trades > 0, "the bots traded");
    }
}

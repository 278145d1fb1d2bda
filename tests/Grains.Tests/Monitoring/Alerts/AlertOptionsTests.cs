using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Alerts;

public sealed class AlertOptionsTests
{
    [Fact]
    public void TheDefaultsAreTheIssuesThresholds()
    {
        var options = new AlertOptions();

        Assert.Null(AlertOptionsValidator.Problem(options));
        Assert.Equal(
            (90.0, 85.0, 95.0, 10.0, 5.0, 50.0, 50.0, 95, 100, TimeSpan.FromSeconds(300)),
            (options.CpuPercent, options.MemoryPercent, options.DiskPercent, options.ErrorRatePercent, options.ResponseTimeSeconds,
                options.CacheHitRatePercent, options.TradeSuccessRatePercent, options.CapacityCriticalPercent, options.CapacityFullPercent, options.CooldownPeriod));
    }

    [Theory]
    [InlineData("CpuPercent")]
    [InlineData("CooldownPeriod")]
    [InlineData("CapacityCriticalPercent")]
    [InlineData("MinOperations")]
    [InlineData("WebhookUrl")]
    public void ABadValueIsNamed(string setting)
    {
        var options = new AlertOptions();
        switch (setting)
        {
            case "CpuPercent": options.CpuPercent = 150; break;
            case "CooldownPeriod": options.CooldownPeriod = TimeSpan.FromDays(300); break;
            case "CapacityCriticalPercent": options.CapacityCriticalPercent = 101; break;
            case "MinOperations": options.MinOperations = 0; break;
            default: options.WebhookUrl = "ftp://example.invalid/hook"; break;
        }

        Assert.Contains(setting, AlertOptionsValidator.Problem(options));
    }

    [Fact]
    public void ACooldownWrittenAsBareSecondsIsExplained()
    {
        var options = new AlertOptions { CooldownPeriod = TimeSpan.FromDays(300) };

        Assert.Contains("00:05:00", AlertOptionsValidator.Problem(options));
    }
}

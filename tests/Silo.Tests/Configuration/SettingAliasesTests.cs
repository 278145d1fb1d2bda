using Microsoft.Extensions.Configuration;
using OrleansBots.Hardware;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Configuration;

namespace OrleansBots.Silo.Tests.Configuration;

public sealed class SettingAliasesTests
{
    [Fact]
    public void TheFlatMonitoringNamesSetTheirSectionedSettings()
    {
        var configuration = Configuration(
            ("METRICS_RETENTION_DAYS", "7"), ("COOLDOWN_PERIOD", "120"), ("AUTO_ADAPT", "false"),
            ("LOW_RESOURCE_MODE", "true"), ("CPU_TARGET_USAGE", "55"), ("MEMORY_TARGET_USAGE", "45"));

        var problems = SettingAliases.Apply(configuration);

        Assert.Empty(problems);
        Assert.Equal(7, configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()!.RetentionDays);
        Assert.Equal(TimeSpan.FromMinutes(2), configuration.GetSection(AlertOptions.Section).Get<AlertOptions>()!.CooldownPeriod);
        var hardware = configuration.GetSection(HardwareOptions.Section).Get<HardwareOptions>()!;
        Assert.Equal((false, true, 55.0, 45.0), (hardware.AutoAdapt, hardware.LowResourceMode, hardware.CpuTargetUsage, hardware.MemoryTargetUsage));
    }

    [Fact]
    public void AFlatNameWinsOverTheSectionedDefaultOfAppsettings()
    {
        var configuration = Configuration(("METRICS_RETENTION_DAYS", "7"), ("Metrics:RetentionDays", "30"), ("COOLDOWN_PERIOD", "120"), ("Alerts:CooldownPeriod", "00:05:00"));

        SettingAliases.Apply(configuration);

        Assert.Equal(7, configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()!.RetentionDays);
        Assert.Equal(TimeSpan.FromMinutes(2), configuration.GetSection(AlertOptions.Section).Get<AlertOptions>()!.CooldownPeriod);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("100000")]
    public void ACooldownThatIsNotSecondsIsAProblemNamingIt(string value)
    {
        var problem = Assert.Single(SettingAliases.Apply(Configuration(("COOLDOWN_PERIOD", value))));

        Assert.Contains("COOLDOWN_PERIOD", problem);
    }

    private static ConfigurationManager Configuration(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        return configuration;
    }
}

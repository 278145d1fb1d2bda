using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Pipeline;

public sealed class MetricsOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(MetricsOptionsValidator.Problem(new MetricsOptions()));

    [Theory]
    [InlineData("IntervalSeconds")]
    [InlineData("RetentionDays")]
    [InlineData("MaxBufferedRows")]
    [InlineData("FlushInterval")]
    [InlineData("SpoolDirectory")]
    public void AnInvalidSettingIsNamedInTheProblem(string setting)
    {
        var options = new MetricsOptions();
        switch (setting)
        {
            case "IntervalSeconds": options.IntervalSeconds = 0; break;
            case "RetentionDays": options.RetentionDays = 0; break;
            case "MaxBufferedRows": options.MaxBufferedRows = options.WriteBatchSize - 1; break;
            case "FlushInterval": options.FlushInterval = TimeSpan.Zero; break;
            default: options.SpoolDirectory = " "; break;
        }

        Assert.Contains(setting, MetricsOptionsValidator.Problem(options));
    }
}

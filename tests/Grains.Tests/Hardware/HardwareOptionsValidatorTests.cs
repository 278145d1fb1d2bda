using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class HardwareOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(HardwareOptionsValidator.Problem(new HardwareOptions()));

    [Theory]
    [InlineData("CpuTargetUsage")]
    [InlineData("MemoryTargetUsage")]
    [InlineData("PlacementCpuLimit")]
    [InlineData("SampleInterval")]
    public void AnInvalidSettingIsNamedInTheProblem(string setting)
    {
        var options = new HardwareOptions();
        switch (setting)
        {
            case "CpuTargetUsage": options.CpuTargetUsage = 150; break;
            case "MemoryTargetUsage": options.MemoryTargetUsage = 5; break;
            case "PlacementCpuLimit": options.PlacementCpuLimit = double.NaN; break;
            default: options.SampleInterval = TimeSpan.FromMilliseconds(10); break;
        }

        Assert.Contains($"Hardware:{setting}", HardwareOptionsValidator.Problem(options));
    }
}

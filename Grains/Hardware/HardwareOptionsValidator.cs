namespace OrleansBots.Hardware;

/// <summary>Checks <see cref="HardwareOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class HardwareOptionsValidator : IValidateOptions<HardwareOptions>
{
    public ValidateOptionsResult Validate(string? name, HardwareOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(HardwareOptions options)
    {
        foreach (var (name, value) in new[] { ("CpuTargetUsage", options.CpuTargetUsage), ("MemoryTargetUsage", options.MemoryTargetUsage), ("PlacementCpuLimit", options.PlacementCpuLimit), ("PlacementMemoryLimit", options.PlacementMemoryLimit) })
        {
            if (double.IsNaN(value) || value is < 10 or > 100)
            {
                return $"Hardware:{name} must be a percent between 10 and 100 (got {value})";
            }
        }

        return options.SampleInterval < TimeSpan.FromMilliseconds(100) || options.SampleInterval > TimeSpan.FromMinutes(10)
            ? $"Hardware:SampleInterval must be between 00:00:00.1 and 00:10:00 (got {options.SampleInterval})"
            : null;
    }
}

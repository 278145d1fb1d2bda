using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansBots.Tests.Metrics;

/// <summary>Measurements on a meter factory of their own, for code under test built without a container.</summary>
public static class TestMeasurements
{
    public static OrleansBots.Metrics.Measurements Create(TimeProvider? time = null) => new(MeterFactory(), time ?? TimeProvider.System);

    /// <summary>The pipeline's instruments on a meter factory of their own.</summary>
    public static OrleansBots.Metrics.PipelineInstruments Instruments() => new(MeterFactory());

    private static IMeterFactory MeterFactory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}

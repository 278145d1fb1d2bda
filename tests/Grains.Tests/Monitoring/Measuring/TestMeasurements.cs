using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Measuring;

/// <summary>Measurements on a meter factory of their own, for code under test built without a container.</summary>
public static class TestMeasurements
{
    public static OrleansBots.Monitoring.Measuring.Measurements Create(TimeProvider? time = null) => new(MeterFactory(), time ?? TimeProvider.System);

    /// <summary>The pipeline's instruments on a meter factory of their own.</summary>
    public static OrleansBots.Monitoring.Pipeline.PipelineInstruments Instruments() => new(MeterFactory());

    private static IMeterFactory MeterFactory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}

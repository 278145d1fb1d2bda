using System.Reflection;
using Orleans.Dashboard;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// How often the Orleans dashboard samples Orleans' meter. Microsoft.Orleans.Dashboard 10.4 reads it through an
/// OpenTelemetry meter provider of its own whose reader exports every second (its host's internal
/// <c>ExportIntervalMilliseconds</c>), whatever <see cref="DashboardOptions.CounterUpdateIntervalMs"/> says. Each
/// collection runs Orleans' observable gauges, two of which walk every activation: at 70,000 running bots that was
/// 10.9 % of the silo's CPU, more than the bots' ticks. The host is built here instead, with that interval set to
/// the dashboard's counter interval; the package offers no public way to set it.
/// </summary>
public static class DashboardSampling
{
    private const string HostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string IntervalProperty = "ExportIntervalMilliseconds";

    /// <summary>Called after <c>AddDashboard</c>: the dashboard's host samples at its <see cref="DashboardOptions.CounterUpdateIntervalMs"/>.</summary>
    public static ISiloBuilder SampleDashboardAtItsCounterInterval(this ISiloBuilder silo)
    {
        var hostType = typeof(DashboardOptions).Assembly.GetType(HostTypeName)
            ?? throw new InvalidOperationException($"{HostTypeName} is not in {typeof(DashboardOptions).Assembly.GetName()}: check {nameof(DashboardSampling)} against this dashboard version");
        var property = hostType.GetProperty(IntervalProperty, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{HostTypeName}.{IntervalProperty} is gone: check {nameof(DashboardSampling)} against this dashboard version");
        var registered = silo.Services.LastOrDefault(descriptor => descriptor.ServiceType == hostType)
            ?? throw new InvalidOperationException($"{nameof(SampleDashboardAtItsCounterInterval)} must follow AddDashboard");

        silo.Services.Remove(registered);
        silo.Services.AddSingleton(hostType, services =>
        {
            var host = ActivatorUtilities.CreateInstance(services, hostType);

            // The same floor of a second that the dashboard puts on its own use of the option.
            property.SetValue(host, Math.Max(services.GetRequiredService<IOptions<DashboardOptions>>().Value.CounterUpdateIntervalMs, 1000));
            return host;
        });
        return silo;
    }
}

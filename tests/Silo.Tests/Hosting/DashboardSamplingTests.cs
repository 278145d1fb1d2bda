using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Silo.Tests.Monitoring.Metrics;
using OrleansBots.Tests;

namespace OrleansBots.Silo.Tests.Hosting;

// The probe gauge is on Orleans' meter, which every dashboard in this process samples: no other silo may run meanwhile.
[Collection(ProcessMetersCollection.Name)]
public sealed class DashboardSamplingTests
{
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(7.5);

    [Fact]
    public async Task TheDashboardSamplesOrleansGaugesAtItsCounterIntervalNotEverySecond()
    {
        var samples = await SamplesOverAsync(silo => silo.SampleDashboardAtItsCounterInterval());

        // Every 3 s over 7.5 s: two collections (one more if the first came early); every second would be seven or more.
        Assert.InRange(samples, 1, 3);
    }

    [Fact]
    public async Task WithoutItTheDashboardSamplesEverySecond()
    {
        // What SampleDashboardAtItsCounterInterval is for: if a dashboard version honours its counter interval, this fails and it can go.
        var samples = await SamplesOverAsync(_ => { });

        Assert.True(samples >= 6, $"{samples} collections in {Watched.TotalSeconds} s");
    }

    [Fact]
    public void SamplingMustFollowAddDashboard()
    {
        var host = new HostBuilder().UseOrleans(silo =>
        {
            var error = Assert.Throws<InvalidOperationException>(() => silo.SampleDashboardAtItsCounterInterval());
            Assert.Contains("AddDashboard", error.Message);
            silo.UseLocalhostClustering(LoopbackPorts.Next(), LoopbackPorts.Next());
        });
        using var built = host.Build();
    }

    private static async Task<int> SamplesOverAsync(Action<ISiloBuilder> sampling)
    {
        using var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(LoopbackPorts.Next(), LoopbackPorts.Next(), serviceId: $"sampling-{Guid.NewGuid():N}");
                silo.AddDashboard(options => options.CounterUpdateIntervalMs = 3000);
                sampling(silo);
            })
            .Build();
        var samples = 0;
        var orleansMeter = host.Services.GetRequiredService<IMeterFactory>().Create("Microsoft.Orleans");
        orleansMeter.CreateObservableGauge($"sampling-probe-{Guid.NewGuid():N}", () => Interlocked.Increment(ref samples));
        await host.StartAsync();
        await Task.Delay(Watched);
        var seen = Volatile.Read(ref samples);
        await host.StopAsync();
        return seen;
    }
}

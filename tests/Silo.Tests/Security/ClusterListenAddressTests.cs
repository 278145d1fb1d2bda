using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>Where a clustered silo's ports listen, read from the options the host is built with (nothing is started).</summary>
public sealed class ClusterListenAddressTests
{
    [Fact]
    public void ASiloAdvertisingANonLoopbackAddressListensOnThatAddressOnly()
    {
        var endpoints = EndpointsWith(new() { ["Orleans:AdvertisedIP"] = "10.1.2.3" });

        Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoints.AdvertisedIPAddress);
        Assert.Null(endpoints.SiloListeningEndpoint);
        Assert.Null(endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public void ASiloListensOnEveryInterfaceOnlyWhenToldTo()
    {
        var endpoints = EndpointsWith(new() { ["Orleans:AdvertisedIP"] = "10.1.2.3", ["Orleans:ListenOnAnyHostAddress"] = "true" });

        Assert.Equal(IPAddress.Any, endpoints.SiloListeningEndpoint?.Address);
        Assert.Equal(IPAddress.Any, endpoints.GatewayListeningEndpoint?.Address);
    }

    private static EndpointOptions EndpointsWith(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => OrleansSetup.ConfigureClustering(silo, configuration, new StorageSettings(null, "127.0.0.1:1")));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }
}

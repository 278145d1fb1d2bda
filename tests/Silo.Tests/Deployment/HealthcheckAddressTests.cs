using Microsoft.Extensions.Configuration;
using OrleansBots.Silo.Hosting;

namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>Where the image's health check asks: the silo's first HTTP address, a wildcard host read as loopback.</summary>
public sealed class HealthcheckAddressTests
{
    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://127.0.0.1:5005", "http://127.0.0.1:5005/")]
    [InlineData("https://+:8443;http://+:8080", "http://127.0.0.1:8080/")]
    public void TheFirstHttpAddressIsAskedOnLoopback(string urls, string expected) =>
        Assert.Equal(new Uri(expected), HealthcheckCommand.LocalAddress(Configuration(urls)));

    [Fact]
    public void WithoutAddressesTheSeedPortIsAsked() =>
        Assert.Equal(new Uri("http://localhost:5001/"), HealthcheckCommand.LocalAddress(Configuration(null)));

    private static IConfiguration Configuration(string? urls) => new ConfigurationBuilder()
        .AddInMemoryCollection([new KeyValuePair<string, string?>("urls", urls)])
        .Build();
}

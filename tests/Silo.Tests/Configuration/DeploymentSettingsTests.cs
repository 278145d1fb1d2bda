using Microsoft.Extensions.Configuration;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Configuration;

/// <summary>The settings a deployment feeds the silo (the pod's name, the cluster's ids, the data folder), checked at start.</summary>
public sealed class DeploymentSettingsTests
{
    [Theory]
    [InlineData("Orleans:SiloName", "orleansbots-silo-5d8f7c9b4-x2x4q")]
    [InlineData("Orleans:SiloName", "silo1")]
    [InlineData("Orleans:ClusterId", "orleansbots")]
    [InlineData("Orleans:ServiceId", "orleans_bots.v2")]
    public void APodOrHostNameIsAValidName(string key, string value) =>
        Assert.Empty(SiloIdentity.Problems(Configuration((key, value))));

    [Theory]
    [InlineData("Orleans:SiloName", "silo 1")]
    [InlineData("Orleans:ClusterId", "orleans/bots")]
    [InlineData("Orleans:ServiceId", "bots:prod")]
    public void ANameWithOtherCharactersIsRefusedNamingTheSetting(string key, string value)
    {
        var problem = Assert.Single(SiloIdentity.Problems(Configuration((key, value))));

        Assert.Contains(key, problem);
        Assert.Contains(value, problem);
    }

    [Fact]
    public void ADataFolderThatCannotBeCreatedIsRefused()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "a-file");
        File.WriteAllText(file, "");

        var problem = Assert.Single(DataFolder.Problems(Configuration(("DATA_DIR", Path.Combine(file, "data")))));

        Assert.StartsWith("DATA_DIR must be a folder this silo can write", problem);
    }

    [Fact]
    public void AMissingDataFolderIsCreatedAndAccepted()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "new", "data");

        Assert.Empty(DataFolder.Problems(Configuration(("DATA_DIR", data))));
        Assert.True(Directory.Exists(data));
        Assert.Empty(Directory.GetFiles(data));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}

using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Roster;
using OrleansBots.Silo.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Tests.Storage;

public sealed class StoredTypeNamesTests
{
    private readonly StoredTypeNames _names = new(new DefaultSerializationBinder(), [typeof(StateNames).Assembly, typeof(IBotGrain).Assembly]);

    [Fact]
    public void ATypeThatMovedToAnotherNamespaceIsFoundByItsSimpleName()
    {
        Assert.Equal(typeof(PlatformLimits), _names.BindToType("OrleansBots.Grains.Interfaces", "OrleansBots.Platform.PlatformLimits"));
    }

    [Fact]
    public void ARenamedTypeIsFoundByTheSimpleNameOfItsAlias()
    {
        Assert.Equal(typeof(RosterState), _names.BindToType("OrleansBots.Grains", "OrleansBots.Platform.DirectoryState"));
    }

    [Fact]
    public void AMovedTypeInsideAGenericArgumentIsFoundToo()
    {
        var type = _names.BindToType(
            "System.Private.CoreLib",
            "System.Collections.Generic.List`1[[OrleansBots.Platform.PlatformLimits, OrleansBots.Grains.Interfaces]]");

        Assert.Equal(typeof(List<PlatformLimits>), type);
    }

    [Fact]
    public void ANameThatMatchesNoPlatformTypeIsStillRefused()
    {
        Assert.Throws<JsonSerializationException>(() => _names.BindToType("OrleansBots.Grains", "OrleansBots.Nowhere.NoSuchState"));
    }

    [Fact]
    public void NamesAreWrittenAsBeforeSoAnOlderSiloStillReadsThem()
    {
        _names.BindToName(typeof(PlatformLimits), out var assembly, out var type);
        new DefaultSerializationBinder().BindToName(typeof(PlatformLimits), out var innerAssembly, out var innerType);

        Assert.Equal((innerAssembly, innerType), (assembly, type));
        Assert.Equal("OrleansBots.Capacity.PlatformLimits", type);
    }
}

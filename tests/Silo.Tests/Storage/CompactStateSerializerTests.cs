using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansBots.Bots;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>The in-memory store keeps states in Orleans' binary format (read from the options the host is built with; nothing is started).</summary>
public sealed class CompactStateSerializerTests
{
    [Fact]
    public void TheInMemoryStoreUsesTheCompactSerializer()
    {
        using var host = InMemoryHost();

        var options = host.Services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(StateNames.Store);

        Assert.IsType<CompactStateSerializer>(options.GrainStorageSerializer);
    }

    [Fact]
    public void ABotStateComesBackAsItWasSavedInAnArrayOfItsOwnSize()
    {
        using var host = InMemoryHost();
        var serializer = new CompactStateSerializer(host.Services.GetRequiredService<Serializer>());
        var definition = new BotDefinition("b", BotKind.Trading, ["BTCUSDT", "ETHUSDT"], 5, 5, 20, 0.01m);
        var state = BotState.Created("user-1", definition, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        state.Started(state.CreatedAt.AddSeconds(1));
        state.Ticks = 42;
        state.TradesTotal = 3;
        state.Books["BTCUSDT"] = new SymbolBook { Prices = [97_000.12345678m, 97_001m], Holding = true };

        var stored = serializer.Serialize(state);
        var read = serializer.Deserialize<BotState>(stored);

        Assert.True(MemoryMarshal.TryGetArray(stored.ToMemory(), out var kept));
        Assert.Equal(kept.Count, kept.Array!.Length);
        Assert.Equal(state.UserId, read.UserId);
        Assert.Equal((definition.Name, definition.TickSeconds, definition.ShortWindow, definition.LongWindow, definition.TradeQuantity),
            (read.Definition!.Name, read.Definition.TickSeconds, read.Definition.ShortWindow, read.Definition.LongWindow, read.Definition.TradeQuantity));
        Assert.Equal(definition.Symbols, read.Definition.Symbols);
        Assert.Equal(BotStatus.Running, read.Status);
        Assert.Equal(state.StartedAt, read.StartedAt);
        Assert.Equal(42, read.Ticks);
        Assert.Equal(3, read.TradesTotal);
        Assert.Equal(state.Books["BTCUSDT"].Prices, read.Books["BTCUSDT"].Prices);
        Assert.True(read.Books["BTCUSDT"].Holding);
    }

    private static IHost InMemoryHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => OrleansSetup.ConfigureStorage(silo, new StorageSettings(null, null)));
        return builder.Build();
    }
}

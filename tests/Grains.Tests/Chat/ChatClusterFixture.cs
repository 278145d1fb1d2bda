using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Chat;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests.Chat;

/// <summary>
/// One in-process silo whose platform chat settings point at a fake chat server and a fake model server started first,
/// with short cooldowns, windows and reconnect delays so that the chat tests run in seconds.
/// </summary>
public sealed class ChatClusterFixture : IAsyncLifetime
{
    /// <summary>The fake server's (and the bots' own) send limit: 20 messages per this window, as Twitch's per 30 s.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(3);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public FakeChatServer Chat { get; private set; } = null!;

    public FakeModelServer Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Chat = await FakeChatServer.StartAsync();
        Chat.RateWindow = RateWindow;
        Model = await FakeModelServer.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddSingleton<IMemoryPressure>(FakeMemoryPressure.Instance);
            silo.Services.AddPlatform();
            silo.Services.Configure<ChatOptions>(o =>
            {
                o.ServerUrl = Chat.Url.ToString();
                o.MessageWindow = RateWindow;
                o.SenderCooldown = TimeSpan.FromSeconds(30);
                o.CommandCooldown = TimeSpan.FromSeconds(30);
                o.ReconnectDelay = TimeSpan.FromMilliseconds(200);
                o.ReconnectMaxDelay = TimeSpan.FromSeconds(2);
                o.ModelTimeout = TimeSpan.FromSeconds(2);
                o.CredentialKey = Convert.ToBase64String(new byte[32]);
                o.Models = [new ModelEndpointOptions { Url = Model.Url, Model = "test-model" }];
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Chat.DisposeAsync();
        await Model.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ChatClusterCollection : ICollectionFixture<ChatClusterFixture>
{
    public const string Name = "chat-cluster";
}

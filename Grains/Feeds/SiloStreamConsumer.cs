using Orleans.Streams;
using Orleans.Streams.Core;

namespace OrleansBots.Feeds;

/// <summary>
/// A silo's one consumer of a feed's stream, keyed by the silo's address and placed there
/// (<see cref="SiloKeyPlacementAttribute"/>), kept subscribed by that silo's <see cref="FeedKeeper"/>. What it does with an
/// item is for this silo's bots, so it serves only at home. Away from home it is only ever placed for a silo that is
/// not an active member where it was woken: it answers the call that woke it and goes, and drops the subscription if
/// that silo is dead or leaving, since the stream would otherwise wake it for every item.
/// </summary>
public abstract class SiloStreamConsumer<T>(ILocalSiloDetails silo, IClusterMembershipService membership, ILogger logger) : Grain, IStreamSubscriptionObserver
{
    private StreamSubscriptionHandle<T>? _subscription;

    private SiloAddress Home => SiloAddress.FromParsableString(this.GetPrimaryKeyString());

    private bool AtHome => Home.Equals(silo.SiloAddress);

    protected abstract IAsyncStream<T> Stream { get; }

    /// <summary>One item of the stream, on the silo whose bots it is for.</summary>
    protected abstract Task OnItemAsync(T item);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (AtHome)
        {
            return;
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(Home);
        logger.LogInformation("Stream consumer {Grain} of {Silo} ({Status}) woken on {Here}", GetType().Name, Home, status, silo.SiloAddress);
        if (status.IsTerminating())
        {
            foreach (var handle in await Stream.GetAllSubscriptionHandles())
            {
                await handle.UnsubscribeAsync();
            }
        }
    }

    /// <summary>
    /// Subscribes if the stream's subscription table holds none of this grain's (the table is in memory, so one lost with
    /// the silo that held it is made again), or takes over the one there if this activation has no handle yet.
    /// </summary>
    public async Task Keep()
    {
        if (!AtHome)
        {
            DeactivateOnIdle();
            return;
        }

        var existing = await Stream.GetAllSubscriptionHandles();
        _subscription = existing.Count == 0
            ? await Stream.SubscribeAsync(OnNextAsync)
            : _subscription ?? await existing[0].ResumeAsync(OnNextAsync);
        DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// An item came on a subscription this activation holds no handle for: made by an earlier activation, or one a
    /// pulling agent still knows from a subscription table that died with its silo. It is taken, not dropped.
    /// </summary>
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        AtHome ? handleFactory.Create<T>().ResumeAsync(OnNextAsync) : Task.CompletedTask;

    private Task OnNextAsync(T item, StreamSequenceToken? sequence)
    {
        if (!AtHome)
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }

        return OnItemAsync(item);
    }
}

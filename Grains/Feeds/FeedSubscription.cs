using Orleans.Streams;

namespace OrleansBots.Feeds;

/// <summary>How a silo's one consumer of a feed's stream stays subscribed when asked every few seconds.</summary>
public static class FeedSubscription
{
    /// <summary>
    /// Subscribes if the stream's subscription table holds none of the caller's (it is kept in memory, so one lost
    /// with its silo is made again), or resumes the one there if this activation has no handle yet.
    /// </summary>
    public static async Task<StreamSubscriptionHandle<T>?> KeepAsync<T>(IAsyncStream<T> stream, StreamSubscriptionHandle<T>? current, Func<T, StreamSequenceToken?, Task> onNext)
    {
        var existing = await stream.GetAllSubscriptionHandles();
        if (existing.Count == 0)
        {
            return await stream.SubscribeAsync(onNext);
        }

        return current ?? await existing[0].ResumeAsync(onNext);
    }
}

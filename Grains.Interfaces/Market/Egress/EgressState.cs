namespace OrleansBots.Market.Egress;

/// <summary>What an egress budget lets through right now.</summary>
[GenerateSerializer, Alias("OrleansBots.EgressState")]
public enum EgressState
{
    /// <summary>Requests pass while the window's budget lasts.</summary>
    Healthy = 0,

    /// <summary>The exchange answered 429: nothing passes until its <c>Retry-After</c> (or the backoff) has passed.</summary>
    Throttled = 1,

    /// <summary>The exchange answered 418 (IP ban): nothing passes until its <c>Retry-After</c> has passed.</summary>
    Banned = 2,

    /// <summary>The endpoint failed (5xx, timeout, connection): nothing passes until the exponential backoff has passed.</summary>
    BackingOff = 3,

    /// <summary>Too many failures in a row: the circuit is open; after its open time one probe request may pass.</summary>
    CircuitOpen = 4,

    /// <summary>The open time passed and one probe request is out; its outcome closes or reopens the circuit.</summary>
    HalfOpen = 5,
}

using Orleans.Configuration;

namespace OrleansBots.Silo.Failover;

/// <summary>
/// Orleans' distributed grain directory instead of its default one. The default deactivates every activation whose
/// directory entry lived on a silo that leaves, wherever that activation runs: a bot that a stopping silo had just
/// migrated to a survivor was deactivated there again when the stopping silo announced it was shutting down, and
/// came back from storage with a restart counted (most of them with two silos); a <c>kill -9</c> took grains on the
/// surviving silos down with it. The distributed directory hands a leaving silo's ranges to their new owners, or
/// rebuilds them from the surviving silos' own activations after a crash, and deactivates nothing.
/// </summary>
public static class DistributedDirectory
{
    public static ISiloBuilder UseDistributedDirectory(this ISiloBuilder silo)
    {
        // After a crash Orleans holds the dead silo's ranges for a lease (30 s by default, less the failure-detection
        // window) so that a silo declared dead while only frozen cannot keep a second activation: no grain of those
        // ranges could be activated anywhere until then, past the 10 s goal (a bot of the killed silo in
        // RedisClusterTests did not run again 20 s after it was declared dead). The platform guards against the frozen
        // silo's stale activations itself: a resumed bot and a new capacity activation claim their state, and the stale
        // copy's next save fails (docs/FAILOVER.md, stale activations).
        silo.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = TimeSpan.Zero);

        // Marked experimental in Orleans 10 (ORLEANSEXP003); docs/FAILOVER.md has what the failover tests and chaos runs measured with it.
#pragma warning disable ORLEANSEXP003
        return silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
    }
}

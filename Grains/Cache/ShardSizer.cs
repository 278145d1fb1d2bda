namespace OrleansBots.Cache;

/// <summary>
/// The next byte budget of a shard: under memory pressure it sheds to a fixed fraction of its ceiling; else a
/// high hit rate over the last interval grows it by 10 % toward the ceiling and a low one shrinks it by 10 %
/// toward a floor (a shard that rarely hits gives memory back to the silo). Too few lookups change nothing.
/// </summary>
public static class ShardSizer
{
    private const double Step = 0.1;

    public static long NextBudget(long ceiling, long current, long hits, long misses, bool underPressure, CacheOptions options)
    {
        var floor = Math.Max(1, (long)(ceiling * options.MinBudgetFraction));
        if (underPressure)
        {
            return Math.Max(floor, Math.Min(current, (long)(ceiling * options.PressureBudgetFraction)));
        }

        var lookups = hits + misses;
        if (lookups < options.MinLookupsToResize)
        {
            return current;
        }

        var hitRate = (double)hits / lookups;
        var step = Math.Max(1, (long)(ceiling * Step));
        if (hitRate >= options.GrowAboveHitRate)
        {
            return Math.Min(ceiling, current + step);
        }

        return hitRate < options.ShrinkBelowHitRate ? Math.Max(floor, current - step) : current;
    }
}

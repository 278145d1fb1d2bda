namespace OrleansBots.Hardware;

/// <summary>
/// How many running bots one silo hands to which others so that every silo runs its fair share: the cluster's running
/// bots split in proportion to each silo's <c>recommended_max_bots</c>. Each silo plans only its own moves, sending its
/// excess to the silos under their share in proportion to what they lack; since every silo over its share does the
/// same with the same figures, the receivers get what they lack and no more. A silo within the tolerance of its share
/// sends nothing, and one that cannot take more (over a placement limit) receives nothing.
/// </summary>
public static class RebalancePlan
{
    /// <summary>One silo as the plan sees it: its running bots, its weight (recommended maximum) and whether it may receive.</summary>
    public readonly record struct Silo<T>(T Id, int RunningBots, int Weight, bool CanReceive);

    /// <summary>The moves of <paramref name="local"/>: how many of its running bots go to which silo, largest first.</summary>
    public static IReadOnlyList<(T Target, int Bots)> MovesFrom<T>(T local, IReadOnlyList<Silo<T>> silos, RebalanceOptions options)
        where T : notnull
    {
        var comparer = EqualityComparer<T>.Default;
        var total = silos.Sum(s => (long)s.RunningBots);
        var weights = silos.Sum(s => (long)Math.Max(1, s.Weight));
        double FairShare(Silo<T> silo) => (double)total * Math.Max(1, silo.Weight) / weights;

        var here = silos.FirstOrDefault(s => comparer.Equals(s.Id, local));
        if (!comparer.Equals(here.Id, local) || silos.Count < 2)
        {
            return [];
        }

        var excess = here.RunningBots - FairShare(here);
        if (excess <= Math.Max(options.MinimumExcess, FairShare(here) * options.Tolerance))
        {
            return [];
        }

        var receivers = silos
            .Where(s => !comparer.Equals(s.Id, local) && s.CanReceive && FairShare(s) - s.RunningBots >= 1)
            .Select(s => (s.Id, Lacks: FairShare(s) - s.RunningBots))
            .ToList();
        var lacking = receivers.Sum(r => r.Lacks);
        var sending = (int)Math.Min(Math.Min(Math.Floor(excess), Math.Floor(lacking)), options.MaxMovesPerRound);
        if (sending <= 0)
        {
            return [];
        }

        // Largest remainder: the shares add up to exactly what is sent.
        var shares = receivers
            .Select(r => (r.Id, Exact: sending * r.Lacks / lacking))
            .Select(r => (r.Id, Bots: (int)Math.Floor(r.Exact), Remainder: r.Exact - Math.Floor(r.Exact)))
            .ToList();
        var left = sending - shares.Sum(s => s.Bots);
        return shares
            .OrderByDescending(s => s.Remainder)
            .Select((s, rank) => (s.Id, Bots: s.Bots + (rank < left ? 1 : 0)))
            .Where(s => s.Bots > 0)
            .OrderByDescending(s => s.Bots)
            .ToList();
    }
}

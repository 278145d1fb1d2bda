namespace OrleansBots.Roster;

/// <summary>Trades counted on one UTC day, as the roster keeps them: a later day starts the count again, an earlier day is late.</summary>
public readonly record struct DayTrades(DateOnly Day, int Count)
{
    /// <summary>This count with <paramref name="count"/> trades of <paramref name="day"/> added; trades of a past day are not counted.</summary>
    public DayTrades Plus(DateOnly day, int count) =>
        day > Day ? new(day, count) : day == Day ? this with { Count = Count + count } : this;
}

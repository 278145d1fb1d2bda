namespace OrleansBots.Capacity;

/// <summary>The whole numbers a setting accepts, from <paramref name="Min"/> to <paramref name="Max"/>, named as the operator writes it.</summary>
public sealed record LimitRange(string Name, int Min, int Max)
{
    /// <summary>A message naming the setting when <paramref name="value"/> is out of range, else null.</summary>
    public string? Check(int value) => CheckAs(Name, value);

    /// <summary>The same range under another name, e.g. a user's own <c>max_bots</c> in the admin API.</summary>
    public string? CheckAs(string name, int value) =>
        value < Min || value > Max ? $"{name} must be between {Min} and {Max} (got {value})" : null;

    /// <summary>The message for a value that is not a whole number at all.</summary>
    public string NotANumber(string raw) => $"{Name} must be a whole number between {Min} and {Max} (got '{raw}')";
}

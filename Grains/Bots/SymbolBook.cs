namespace OrleansBots.Bots;

/// <summary>A bot's saved strategy state for one symbol.</summary>
[GenerateSerializer, Alias("OrleansBots.SymbolBook")]
public sealed class SymbolBook
{
    [Id(0)] public List<decimal> Prices { get; set; } = [];

    [Id(1)] public bool Holding { get; set; }
}

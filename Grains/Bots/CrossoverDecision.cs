namespace OrleansBots.Bots;

public enum CrossoverDecision
{
    Hold,
    Buy,
    Sell,
}

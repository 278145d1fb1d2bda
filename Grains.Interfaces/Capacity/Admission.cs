namespace OrleansBots.Capacity;

/// <summary>The answer to a request for a running slot, with the numbers a refusal message needs.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Admission")]
public sealed record Admission(
    [property: Id(0)] AdmissionOutcome Outcome,
    [property: Id(1)] int CurrentBots,
    [property: Id(2)] int MaxBots,
    [property: Id(3)] int UserBots,
    [property: Id(4)] int UserLimit)
{
    public bool Holds => Outcome is AdmissionOutcome.Granted or AdmissionOutcome.AlreadyHeld;
}

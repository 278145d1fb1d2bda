namespace OrleansBots.Silo.Failover;

/// <summary>Checks <see cref="GrainCallRetryOptions"/> at start; the message names the setting that is wrong.</summary>
public sealed class GrainCallRetryOptionsValidator()
    : RetryWindowOptionsValidator<GrainCallRetryOptions>(GrainCallRetryOptions.Section, TimeSpan.FromMinutes(5), "");

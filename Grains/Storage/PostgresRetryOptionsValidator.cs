namespace OrleansBots.Storage;

/// <summary>Checks <see cref="PostgresRetryOptions"/> at start; the message names the setting that is wrong.</summary>
public sealed class PostgresRetryOptionsValidator()
    : RetryWindowOptionsValidator<PostgresRetryOptions>(PostgresRetryOptions.Section, TimeSpan.FromSeconds(30), " (a grain call's answer timeout)");

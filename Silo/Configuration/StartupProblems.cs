using Microsoft.Extensions.Options;

namespace OrleansBots.Silo.Configuration;

/// <summary>How the silo refuses to start: every problem on stderr as <c>Invalid configuration: ...</c>, exit code 2.</summary>
public static class StartupProblems
{
    public const int ExitCode = 2;

    /// <summary>
    /// Builds the host and runs every <c>ValidateOnStart</c> check; null (the problems written) when a setting is wrong.
    /// Building may already read options (a log filter asks for the silo's load), so its binding errors count too.
    /// </summary>
    public static WebApplication? BuildChecked(this WebApplicationBuilder builder)
    {
        IReadOnlyList<string> problems;
        WebApplication? app = null;
        try
        {
            app = builder.Build();
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            problems = [];
        }
        catch (Exception error) when (Of(error) is { Count: > 0 } found)
        {
            problems = found;
        }

        return Refuse(problems) ? null : app;
    }

    /// <summary>Writes the problems to stderr; true when there were any and the silo must not start.</summary>
    public static bool Refuse(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"Invalid configuration: {problem}");
        }

        if (problems.Count > 0)
        {
            Console.Error.WriteLine("The silo did not start. Fix the settings above (environment, .env or appsettings.json).");
        }

        return problems.Count > 0;
    }

    /// <summary>The settings an exception of the options says are wrong; none for any other exception.</summary>
    public static IReadOnlyList<string> Of(Exception error) => error switch
    {
        OptionsValidationException invalid => [.. invalid.Failures.Distinct()],
        AggregateException errors => [.. errors.InnerExceptions.SelectMany(Of).Distinct()],

        // The binder's message names the key and the value: "Failed to convert configuration value 'soon' at 'Capacity:LeaseDuration' ...".
        InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException or NotSupportedException } => [error.Message],
        _ => [],
    };
}

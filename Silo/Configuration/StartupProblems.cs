using Microsoft.Extensions.Options;

namespace OrleansBots.Silo.Configuration;

/// <summary>How the silo refuses to start: every problem on stderr as <c>Invalid configuration: ...</c>, exit code 2.</summary>
public static class StartupProblems
{
    public const int ExitCode = 2;

    /// <summary>Runs every <c>ValidateOnStart</c> check of the built host; answers what failed, binding errors included.</summary>
    public static IReadOnlyList<string> Of(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException error)
        {
            return [.. error.Failures.Distinct()];
        }
        catch (AggregateException errors)
        {
            return [.. errors.InnerExceptions.SelectMany(e => e is OptionsValidationException invalid ? invalid.Failures : [e.Message]).Distinct()];
        }
        catch (InvalidOperationException error) when (error.InnerException is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            // The binder's message names the key and the value: "Failed to convert configuration value 'soon' at 'Capacity:LeaseDuration' ...".
            return [error.Message];
        }
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
}

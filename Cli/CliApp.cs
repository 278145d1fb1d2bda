using System.CommandLine;
using OrleansBots.Cli.Commands;

namespace OrleansBots.Cli;

/// <summary>The <c>orleansbots</c> command tree, and the exit code of one run (2 for a command line it cannot parse).</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("orleansbots: run and watch an OrleansBots platform from the terminal")
        {
            LoginCommand.Create(),
            ProfilesCommand.Create(),
            UsersCommand.Create(),
            BotsCommand.Create(),
            CapacityCommand.Create(),
            StatsCommand.Create(),
            LimitsCommand.Create(),
            CacheCommand.Create(),
            AlertsCommand.Create(),
            AuditCommand.Create(),
            MetricsCommand.Create(),
            CompletionCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Profile);
        root.Options.Add(GlobalOptions.Server);
        root.Options.Add(GlobalOptions.Json);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"Error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'orleansbots --help' (or 'orleansbots COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync();
    }
}

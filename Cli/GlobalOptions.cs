using System.CommandLine;

namespace OrleansBots.Cli;

/// <summary>The options every command takes (recursive on the root).</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Profile = new("--profile", "-p")
    {
        Description = "The saved profile to use (default: the one 'orleansbots login' saved last, or $ORLEANSBOTS_PROFILE)",
        Recursive = true,
    };

    public static readonly Option<string?> Server = new("--server")
    {
        Description = "The platform's address, overriding the profile's (or $ORLEANSBOTS_SERVER)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the API's JSON instead of tables, for scripts",
        Recursive = true,
    };
}

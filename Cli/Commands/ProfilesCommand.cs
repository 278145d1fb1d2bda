using System.CommandLine;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>profiles list|use|remove</c>: the saved profiles, never showing their tokens.</summary>
public static class ProfilesCommand
{
    public static Command Create()
    {
        var list = new Command("list", "The saved profiles (the one used by default is marked)");
        list.RunLocally((output, _) =>
        {
            var file = ProfileStore.ForCurrentUser().Load();
            var rows = file.Profiles.Select(p => new
            {
                name = p.Key,
                server = p.Value.Server,
                current = p.Key == file.Current,
                admin_token = p.Value.AdminToken is not null,
                api_key = p.Value.ApiKey is not null,
            }).ToList();
            output.Show(rows, r =>
            {
                var table = Output.Table("profile", "server", "admin token", "API key");
                foreach (var row in r)
                {
                    table.AddRow(Markup.Escape(row.name + (row.current ? " *" : "")), Markup.Escape(row.server), row.admin_token ? "yes" : "-", row.api_key ? "yes" : "-");
                }

                return table;
            });
        });

        var name = new Argument<string>("name") { Description = "A saved profile" };
        var use = new Command("use", "Use this profile by default") { name };
        use.RunLocally((output, parse) =>
        {
            var store = ProfileStore.ForCurrentUser();
            var file = store.Load();
            var chosen = parse.GetValue(name)!;
            if (!file.Profiles.ContainsKey(chosen))
            {
                throw new UsageException($"No profile '{chosen}'; saved: {string.Join(", ", file.Profiles.Keys)}");
            }

            store.Save(file with { Current = chosen });
            output.Line(new { profile = chosen }, p => $"Using profile [bold]{Markup.Escape(p.profile)}[/]");
        });

        var removed = new Argument<string>("name") { Description = "A saved profile" };
        var remove = new Command("remove", "Forget a profile and its credentials") { removed };
        remove.RunLocally((output, parse) =>
        {
            var store = ProfileStore.ForCurrentUser();
            var file = store.Load();
            var chosen = parse.GetValue(removed)!;
            if (!file.Profiles.Remove(chosen))
            {
                throw new UsageException($"No profile '{chosen}'");
            }

            store.Save(file with { Current = file.Current == chosen ? ProfileStore.DefaultProfile : file.Current });
            output.Line(new { profile = chosen, removed = true }, p => $"Profile [bold]{Markup.Escape(p.profile)}[/] removed");
        });

        return new Command("profiles", "Saved servers and credentials") { list, use, remove };
    }
}

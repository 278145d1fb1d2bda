using System.CommandLine;
using OrleansBots.Contracts;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>users create|list|get|rotate-key|revoke-key|disable|enable|delete</c> (admin token).</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var userId = new Argument<string>("user-id") { Description = "1 to 64 letters, digits, '_' or '-'" };
        var maxBots = new Option<int?>("--max-bots") { Description = "The user's own running-bot limit (default: the platform's)" };
        var maxTrades = new Option<int?>("--max-trades-per-day") { Description = "The user's own daily trade limit (default: the platform's)" };
        var create = new Command("create", "Create a user; prints the API key, shown only this once") { userId, maxBots, maxTrades };
        create.Run(async (platform, output, parse, ct) =>
        {
            var created = await platform.Admin.CreateUserAsync(new CreateUserRequest(parse.GetValue(userId), parse.GetValue(maxBots), parse.GetValue(maxTrades)), ct);
            output.Show(created, c => Output.Pairs(("user", c.UserId), ("api key", c.ApiKey), ("max bots", c.MaxBots), ("max trades per day", c.MaxTradesPerDay)));
        });

        var list = new Command("list", "Every user id");
        list.Run(async (platform, output, _, ct) =>
        {
            var users = await platform.Admin.ListUsersAsync(ct);
            output.Show(new UserListResponse(true, users), r =>
            {
                var table = Output.Table("user");
                foreach (var user in r.Users)
                {
                    table.AddRow(Markup.Escape(user));
                }

                return table;
            });
        });

        var getId = new Argument<string>("user-id");
        var get = new Command("get", "One user: limits, bots, trades today") { getId };
        get.Run(async (platform, output, parse, ct) =>
        {
            var user = await platform.Admin.GetUserAsync(parse.GetValue(getId)!, ct);
            output.Show(new UserResponse(true, user), r => Show(r.User));
        });

        var rotateKey = Lifecycle("rotate-key", "Issue the user a new API key (printed once); the old one is refused from now on");
        rotateKey.Command.Run(async (platform, output, parse, ct) =>
        {
            var rotated = await platform.Admin.RotateApiKeyAsync(parse.GetValue(rotateKey.UserId)!, ct);
            output.Show(rotated, r => Output.Pairs(("user", r.UserId), ("api key", r.ApiKey)));
        });

        var revokeKey = Lifecycle("revoke-key", "Revoke the user's API key: none works until rotate-key issues one");
        revokeKey.Command.Run((platform, output, parse, ct) => ChangeAsync(platform.Admin.RevokeApiKeyAsync, revokeKey.UserId, output, parse, ct));

        var disable = Lifecycle("disable", "Disable the user: their key is refused and their bots are stopped");
        disable.Command.Run((platform, output, parse, ct) => ChangeAsync(platform.Admin.DisableUserAsync, disable.UserId, output, parse, ct));

        var enable = Lifecycle("enable", "Enable a disabled user again");
        enable.Command.Run((platform, output, parse, ct) => ChangeAsync(platform.Admin.EnableUserAsync, enable.UserId, output, parse, ct));

        var delete = Lifecycle("delete", "Delete the user and every bot they own");
        delete.Command.Run(async (platform, output, parse, ct) =>
        {
            var deleted = await platform.Admin.DeleteUserAsync(parse.GetValue(delete.UserId)!, ct);
            output.Show(deleted, d => Output.Pairs(("user", d.UserId), ("deleted", d.Deleted), ("bots deleted", d.DeletedBots)));
        });

        return new Command("users", "Users, their limits, keys and accounts (admin token)")
        {
            create, list, get, rotateKey.Command, revokeKey.Command, disable.Command, enable.Command, delete.Command,
        };
    }

    /// <summary>A command on one user (<c>users NAME USER-ID</c>).</summary>
    private static (Command Command, Argument<string> UserId) Lifecycle(string name, string description)
    {
        var userId = new Argument<string>("user-id");
        return (new Command(name, description) { userId }, userId);
    }

    /// <summary>Runs a change of one user and shows the user afterwards.</summary>
    private static async Task ChangeAsync(
        Func<string, CancellationToken, Task<UserView>> change, Argument<string> userId, Output output, ParseResult parse, CancellationToken cancellationToken)
    {
        var user = await change(parse.GetValue(userId)!, cancellationToken);
        output.Show(new UserResponse(true, user), r => Show(r.User));
    }

    private static Table Show(UserView user) => Output.Pairs(
        ("user", user.UserId), ("created", user.CreatedAt), ("max bots", user.MaxBots), ("max trades per day", user.MaxTradesPerDay),
        ("bots", user.BotIds), ("running bots", user.RunningBots), ("trades today", user.TradesToday),
        ("disabled", user.Disabled), ("key revoked", user.KeyRevoked));
}

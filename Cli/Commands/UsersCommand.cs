using System.CommandLine;
using OrleansBots.Contracts;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>users create|list|get</c> (admin token).</summary>
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
            output.Show(new UserResponse(true, user), r => Output.Pairs(
                ("user", r.User.UserId), ("created", r.User.CreatedAt), ("max bots", r.User.MaxBots), ("max trades per day", r.User.MaxTradesPerDay),
                ("bots", r.User.BotIds), ("running bots", r.User.RunningBots), ("trades today", r.User.TradesToday)));
        });

        return new Command("users", "Users and their limits (admin token)") { create, list, get };
    }
}

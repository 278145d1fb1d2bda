// Creates a trading bot, starts it and prints its trades as they happen (Ctrl-C stops and deletes it).
//   dotnet run --project samples/LiveTrades -- [server] [admin-token]
// Defaults: http://localhost:5001 and the token the embedded silo generated in Silo/data/admin-token.
using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Client;
using OrleansBots.Contracts;

var server = new Uri(args.ElementAtOrDefault(0) ?? "http://localhost:5001");
var adminToken = args.ElementAtOrDefault(1) ?? File.ReadAllText(Path.Combine("Silo", "data", "admin-token")).Trim();

// An operator's client creates a user for the sample; the user's client does the rest with its API key.
var admin = Clients(o => o.AdminToken = adminToken).GetRequiredService<IOrleansBotsAdminClient>();
var user = await admin.CreateUserAsync(new CreateUserRequest($"sample-{Guid.NewGuid():N}"[..16]));
var bots = Clients(o => o.ApiKey = user.ApiKey).GetRequiredService<IOrleansBotsUserClient>();

var bot = await bots.CreateBotAsync(new CreateBotRequest("sample", Symbols: ["BTCUSDT"], TickSeconds: 1, ShortWindow: 3, LongWindow: 8));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    await bots.StartBotAsync(bot.BotId);
    Console.WriteLine($"Bot {bot.BotId} of {user.UserId} is running; its trades follow (Ctrl-C stops):");
    await foreach (var e in bots.WatchAsync(bot.BotId, cancellationToken: stop.Token))
    {
        if (e.Trade is { } trade)
        {
            Console.WriteLine($"#{e.Sequence} {trade.At:HH:mm:ss} {trade.Side,-4} {trade.Quantity} {trade.Symbol} at {trade.Price}");
        }
    }
}
catch (PlatformFullException full)
{
    Console.Error.WriteLine($"The platform is full ({full.CurrentBots}/{full.MaxBots}); try again in {full.RetryAfter?.TotalSeconds ?? 60} s.");
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
finally
{
    await bots.DeleteBotAsync(bot.BotId);
}

ServiceProvider Clients(Action<OrleansBotsClientOptions> credentials)
{
    var services = new ServiceCollection();
    services.AddOrleansBotsClient(o =>
    {
        o.BaseAddress = server;
        credentials(o);
    });
    return services.BuildServiceProvider();
}

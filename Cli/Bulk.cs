using Spectre.Console;

namespace OrleansBots.Cli;

/// <summary>
/// Work on many items, one after another (the platform counts bot actions per user, so parallel calls would only be
/// refused sooner), with a progress bar for people. The first refusal stops the run: it is reported with how much
/// was done, and its exit code stands (3 for a full platform).
/// </summary>
public static class Bulk
{
    public static async Task<List<TResult>> RunAsync<TItem, TResult>(
        Output output, string title, IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var done = new List<TResult>();
        async Task RunAllAsync(Action advanced)
        {
            foreach (var item in items)
            {
                try
                {
                    done.Add(await work(item, cancellationToken));
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync($"{title}: stopped after {done.Count} of {items.Count}");
                    throw;
                }

                advanced();
            }
        }

        if (output.Json || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            await RunAllAsync(() => { });
        }
        else
        {
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(title), maxValue: items.Count);
                await RunAllAsync(() => task.Increment(1));
            });
        }

        return done;
    }
}

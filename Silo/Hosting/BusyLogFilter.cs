using OrleansBots.Bots;
using OrleansBots.Hardware;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// Logging steps back under load: while the silo is over its CPU target, informational messages of the hot
/// categories (per-bot and per-request messages) are dropped; warnings and errors always pass, and so do the summaries
/// logged in those categories in place of a line per bot, which a busy silo needs most.
/// </summary>
public static class BusyLogFilter
{
    /// <summary>Categories that log per bot or per request, so their volume grows with load.</summary>
    public static readonly string[] HotCategories = ["OrleansBots.Bots", "OrleansBots.Users", "OrleansBots.Silo.Api", "Microsoft.AspNetCore"];

    /// <summary>Categories within the hot ones that log a summary, a line a second at most, however busy the silo.</summary>
    public static readonly string[] SummaryCategories = [typeof(ResumedBots).FullName!];

    public static IServiceCollection AddBusyLogFilter(this IServiceCollection services) =>
        services.AddOptions<LoggerFilterOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            // Taken before the rules below are added: what the configuration says for each summary's category.
            var summaryLevels = SummaryCategories.Select(category => (category, Level: ConfiguredLevel(options, category))).ToList();

            // Resolved on first use: the load is only needed once messages flow.
            ISiloLoad? load = null;
            foreach (var category in HotCategories)
            {
                var configured = options.Rules.LastOrDefault(r => r.ProviderName is null && r.CategoryName == category)?.LogLevel ?? LogLevel.Information;
                options.Rules.Add(new LoggerFilterRule(null, category, configured, (_, _, level) =>
                    level >= LogLevel.Warning || !(load ??= provider.GetRequiredService<ISiloLoad>()).OverCpuTarget));
            }

            // The longest matching category wins: these keep their configured level and no load filter.
            foreach (var (category, level) in summaryLevels)
            {
                options.Rules.Add(new LoggerFilterRule(null, category, level, filter: null));
            }
        }).Services;

    /// <summary>The level the configuration gives <paramref name="category"/>: that of the longest category that starts it (the logging library's own choice).</summary>
    private static LogLevel ConfiguredLevel(LoggerFilterOptions options, string category) =>
        options.Rules
            .Where(rule => rule.ProviderName is null && (rule.CategoryName is null || category.StartsWith(rule.CategoryName, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(rule => rule.CategoryName?.Length ?? 0)
            .LastOrDefault()?.LogLevel ?? options.MinLevel;
}

using System.CommandLine;
using OrleansBots.Client;
using OrleansBots.Contracts;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>cache stats|get|set|delete|clear</c>: the distributed cache (admin token).</summary>
public static class CacheCommand
{
    public static Command Create()
    {
        var stats = new Command("stats", "The cache added up, and each shard");
        stats.Run(async (platform, output, _, ct) => output.Show(await platform.Admin.CacheStatsAsync(ct), s =>
        {
            var table = Output.Table("shard", "entries", "bytes", "hit rate", "hits", "misses", "evictions", "expirations");
            void Row(string name, CacheStatsView v) => table.AddRow(name, v.Entries.ToString(), v.Bytes.ToString(), Output.Format(v.HitRate), v.Hits.ToString(), v.Misses.ToString(), v.Evictions.ToString(), v.Expirations.ToString());
            Row("[bold]total[/]", s.Total);
            for (var i = 0; i < s.Shards.Count; i++)
            {
                Row(i.ToString(), s.Shards[i]);
            }

            return table;
        }));

        var getKey = Key();
        var get = new Command("get", "An entry's value (exit 1 when it is missing)") { getKey };
        get.Run(async (platform, output, parse, ct) =>
        {
            var key = parse.GetValue(getKey)!;
            var value = await platform.Admin.CacheGetAsync(key, ct) ?? throw new NotFoundException($"Cache key '{key}' not found");
            output.Line(new CacheEntryResponse(true, key, value), e => Markup.Escape(e.Value));
        });

        var setKey = Key();
        var value = new Argument<string>("value");
        var ttl = new Option<double?>("--ttl") { Description = "Seconds to keep it (default: the platform's TTL)" };
        var set = new Command("set", "Store a value") { setKey, value, ttl };
        set.Run(async (platform, output, parse, ct) =>
        {
            var key = parse.GetValue(setKey)!;
            await platform.Admin.CacheSetAsync(key, parse.GetValue(value)!, parse.GetValue(ttl) is { } seconds ? TimeSpan.FromSeconds(seconds) : null, ct);
            output.Line(new CacheChangeResponse(true, key, true), c => $"Stored {Markup.Escape(c.Key)}");
        });

        var deleteKey = Key();
        var delete = new Command("delete", "Remove an entry") { deleteKey };
        delete.Run(async (platform, output, parse, ct) =>
        {
            var key = parse.GetValue(deleteKey)!;
            var removed = await platform.Admin.CacheDeleteAsync(key, ct);
            output.Line(new CacheChangeResponse(true, key, removed), c => c.Changed ? $"Removed {Markup.Escape(c.Key)}" : $"{Markup.Escape(c.Key)} was not there");
        });

        var prefix = new Option<string?>("--prefix") { Description = "Only keys that start with this" };
        var clear = new Command("clear", "Remove every entry, or those under --prefix") { prefix };
        clear.Run(async (platform, output, parse, ct) =>
        {
            var removed = await platform.Admin.CacheClearAsync(parse.GetValue(prefix), ct);
            output.Line(new CacheClearResponse(true, parse.GetValue(prefix), removed), c => $"Removed {c.Removed} entries");
        });

        return new Command("cache", "The distributed cache (admin token)") { stats, get, set, delete, clear };
    }

    private static Argument<string> Key() => new("key") { Description = "The cache key" };
}

using OrleansBots.Benchmarks;

if (args is [CacheSiloHost.Command, ..])
{
    return await CacheSiloHost.RunAsync(args[1..]);
}

var parsed = BenchArgs.Parse(args);
IBenchmark? benchmark = parsed?.Name switch
{
    "cooldowns" => new CooldownBenchmark(),
    "cache" => new CacheBenchmark(),
    "shardops" => new ShardOpsBenchmark(),
    "hitrate" => new HitRateBenchmark(),
    "tickmetrics" => new TickMetricsBenchmark(),
    "botfootprint" => new BotFootprintBenchmark(),
    "pipeline" => new PipelineBenchmark(),
    "density" => new DensityBenchmark(),
    "chatqueue" => new ChatQueueBenchmark(),
    "feedfanout" => new FeedFanOutBenchmark(),
    _ => null,
};

if (parsed is null || benchmark is null)
{
    Console.Error.WriteLine("usage: Benchmarks <cooldowns|cache|shardops|hitrate|tickmetrics|botfootprint|pipeline|density|chatqueue|feedfanout> [--quick] [--out FILE]");
    return 2;
}

Console.WriteLine($"{benchmark.Name} ({(parsed.Quick ? "quick" : "full")} mode, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
var report = await benchmark.RunAsync(parsed.Quick);
Console.WriteLine();
report.Print(Console.Out);
if (parsed.OutFile is not null)
{
    await report.WriteJsonAsync(parsed.OutFile);
    Console.WriteLine($"JSON written to {parsed.OutFile}");
}

return 0;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansBots.Storage;
using OrleansBots.Tests;
using StackExchange.Redis;

namespace OrleansBots.Benchmarks;

/// <summary>
/// A silo of a benchmark cluster on Redis clustering and loopback ports, with the platform's grains and memory
/// storage, built the same way in the benchmark process (which also runs the callers) and in the extra silo
/// processes (<c>Benchmarks cache-silo REDIS CLUSTER SILO_PORT GATEWAY_PORT</c>), so shard grains spread over
/// real processes and most calls cross loopback TCP as they would between machines.
/// </summary>
public static class CacheSiloHost
{
    public const string Command = "cache-silo";

    public static IHost Build(string redis, string clusterId, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = clusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddPlatform();
        });
        return builder.Build();
    }

    /// <summary>The extra silo's process: runs until its standard input closes (the benchmark stops it so, or by its PID).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var host = Build(args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        await host.StartAsync();
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        await host.StopAsync(TimeSpan.FromSeconds(10));
        return 0;
    }

    /// <summary>Starts an extra silo process on free loopback ports.</summary>
    public static Process StartProcess(string redis, string clusterId)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CacheSiloHost).Assembly.Location);
        }

        foreach (var argument in new[] { Command, redis, clusterId, LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture), LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the silo process did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                Console.Error.WriteLine($"  [silo {process.Id}] {text}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Closes the process's input (it stops its silo and exits) and kills it if it has not exited within 15 s.</summary>
    public static async Task StopProcessAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }
}

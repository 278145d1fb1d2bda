using System.Collections.Concurrent;
using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

/// <summary>Counts the calls the capacity grain receives per method, to see how many turns renewals cost it.</summary>
public sealed class CapacityCalls : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

    public static int Of(string method) => Counts.GetValueOrDefault(method);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is CapacityGrain)
        {
            Counts.AddOrUpdate(context.InterfaceMethod.Name, 1, (_, count) => count + 1);
        }

        return context.Invoke();
    }
}

namespace OrleansBots.Monitoring.Measuring;

/// <summary>Counts grain calls that end in an exception, by grain interface (<c>grain_call_failures</c>).</summary>
public sealed class GrainCallFailureCounter(Measurements measurements) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        Task call;
        try
        {
            call = context.Invoke();
        }
        catch
        {
            Counted(context);
            throw;
        }

        // Most calls succeed synchronously or at once: no extra state machine for them.
        return call.IsCompletedSuccessfully ? call : ObserveAsync(call, context);
    }

    private async Task ObserveAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch
        {
            Counted(context);
            throw;
        }
    }

    private void Counted(IIncomingGrainCallContext context) =>
        measurements.Count(MetricNames.GrainCallFailures, 1, new KeyValuePair<string, object?>("interface", context.InterfaceName));
}

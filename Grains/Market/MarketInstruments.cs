using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Market;

/// <summary>
/// What the market records about the exchange: each request as the <c>exchange_request</c> operation and its
/// <c>exchange_response_time</c>, and refusals as <c>rate_limit_rejections</c> by scope (<c>egress</c>: our own
/// budget said no; <c>exchange</c>: the exchange answered 429 or 418).
/// </summary>
public sealed class MarketInstruments(Measurements measurements)
{
    public void Request(TimeSpan elapsed, bool succeeded)
    {
        measurements.RecordOperation(MetricNames.Operations.ExchangeRequest, elapsed, succeeded);
        measurements.TrackDuration(MetricNames.ExchangeResponseTime, elapsed);
    }

    public void RefusedByBudget() => Refused("egress");

    public void RefusedByExchange() => Refused("exchange");

    private void Refused(string scope) => measurements.Count(MetricNames.RateLimitRejections, 1, new KeyValuePair<string, object?>("scope", scope));
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansBots.Chat;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Chat;

/// <summary>The model client against two fake OpenAI-compatible servers on loopback, first and second in priority.</summary>
public sealed class ModelClientTests : IAsyncLifetime
{
    private FakeModelServer _first = null!;
    private FakeModelServer _second = null!;

    public async Task InitializeAsync()
    {
        _first = await FakeModelServer.StartAsync();
        _second = await FakeModelServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task TheFirstEndpointAnswersWithItsKeyAsBearerToken()
    {
        var client = Client(TimeProvider.System);

        var answer = await client.AskAsync(Endpoints(apiKey: "sk-test"), "hello", CancellationToken.None);

        Assert.Equal("answer to: hello", answer.Text);
        Assert.Equal(_first.Url, answer.Endpoint);
        Assert.Equal(0, _second.Completions);
        Assert.Equal("Bearer sk-test", Assert.Single(_first.Authorizations));
    }

    [Fact]
    public async Task ASlowEndpointWithinTheTimeoutStillAnswers()
    {
        _first.Behaviour = ModelBehaviour.Slow;

        // The timeout is far above the endpoint's 300 ms: on a busy machine a first request's own start-up came near 1 s.
        var answer = await Client(TimeProvider.System, timeout: TimeSpan.FromSeconds(10)).AskAsync(Endpoints(), "slow one", CancellationToken.None);

        Assert.Equal(_first.Url, answer.Endpoint);
    }

    [Fact]
    public async Task AHangingEndpointTimesOutTheNextAnswersAndTheHungOneIsLeftAloneAfterwards()
    {
        _first.Behaviour = ModelBehaviour.Hang;
        var client = Client(TimeProvider.System);

        var answer = await client.AskAsync(Endpoints(), "are you there", CancellationToken.None);
        var again = await client.AskAsync(Endpoints(), "and now", CancellationToken.None);

        Assert.Equal(SecondUrl, answer.Endpoint);
        Assert.Equal(SecondUrl, again.Endpoint);
        Assert.Equal(1, _first.Completions);
        Assert.Equal(1, client.HealthOf(_first.Url).FailuresInARow);
    }

    [Theory]
    [InlineData(ModelBehaviour.TooManyRequests)]
    [InlineData(ModelBehaviour.Loading)]
    public async Task ABusyEndpointIsLeftAloneForItsRetryAfterWithoutCountingAFailure(ModelBehaviour busy)
    {
        _first.Behaviour = busy;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = Client(time);

        var answer = await client.AskAsync(Endpoints(), "q1", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(6));
        await client.AskAsync(Endpoints(), "q2", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        _first.Behaviour = ModelBehaviour.Ok;
        var afterRetryAfter = await client.AskAsync(Endpoints(), "q3", CancellationToken.None);

        Assert.Equal(SecondUrl, answer.Endpoint);
        Assert.Equal(2, _first.Completions);
        Assert.Equal(0, _first.Probes);
        Assert.Equal(_first.Url, afterRetryAfter.Endpoint);
    }

    [Fact]
    public async Task AMalformedAnswerCountsAsAFailureAndTheNextEndpointAnswers()
    {
        _first.Behaviour = ModelBehaviour.Malformed;
        var client = Client(TimeProvider.System);

        var answer = await client.AskAsync(Endpoints(), "q", CancellationToken.None);

        Assert.Equal(SecondUrl, answer.Endpoint);
        Assert.Equal(1, client.HealthOf(_first.Url).FailuresInARow);
    }

    [Fact]
    public async Task AFailedEndpointComesBackOnlyAfterItsRetryTimeAndAPassingHealthProbe()
    {
        _first.Behaviour = ModelBehaviour.ServerError;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = Client(time);
        await client.AskAsync(Endpoints(), "breaks it", CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(4));
        await client.AskAsync(Endpoints(), "within 5 s", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        _first.ModelsStatus = 503;
        await client.AskAsync(Endpoints(), "probe fails", CancellationToken.None);
        var doubled = client.HealthOf(_first.Url).RetryAt - time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(10));
        (_first.ModelsStatus, _first.Behaviour) = (200, ModelBehaviour.Ok);
        var back = await client.AskAsync(Endpoints(), "probe passes", CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(10), doubled);
        Assert.Equal(2, _first.Probes);
        Assert.Equal(2, _first.Completions);
        Assert.Equal(_first.Url, back.Endpoint);
        Assert.Equal(0, client.HealthOf(_first.Url).FailuresInARow);
    }

    [Fact]
    public async Task WhenEveryEndpointFailsThereIsNoAnswerAndEachWasTriedOnce()
    {
        _first.Behaviour = ModelBehaviour.ServerError;
        _second.Behaviour = ModelBehaviour.Loading;

        var answer = await Client(TimeProvider.System).AskAsync(Endpoints(), "q", CancellationToken.None);

        Assert.False(answer.Answered);
        Assert.Equal([_first.Url, SecondUrl], answer.Tried);
    }

    // The second is written with the /v1 that OpenAI's own examples carry; both forms work.
    private string SecondUrl => _second.Url + "/v1";

    private List<ModelEndpointSettings> Endpoints(string? apiKey = null) =>
        [new(_first.Url, "test-model", apiKey, 0), new(SecondUrl, "test-model", null, 0)];

    private static ModelClient Client(TimeProvider time, TimeSpan? timeout = null)
    {
        var options = Options.Create(new ChatOptions { ModelTimeout = timeout ?? TimeSpan.FromSeconds(1), ModelProbeTimeout = TimeSpan.FromSeconds(1) });

        // No endpoint here has a request limit, so the egress budget (and its grains) is never asked.
        var egress = new EgressBudget(null!, Options.Create(new EgressOptions()), time);
        return new ModelClient(new HttpClient(), egress, options, time, NullLogger<ModelClient>.Instance);
    }
}

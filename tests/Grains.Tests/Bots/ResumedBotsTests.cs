using Microsoft.Extensions.Time.Testing;
using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class ResumedBotsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly ListLogger<ResumedBots> _log = new();

    [Fact]
    public void BotsResumedWithinASecondAreLoggedAsOneLineWithTheirCount()
    {
        using var resumed = new ResumedBots(_log, _time, "S127.0.0.1:11111:1");

        for (var i = 0; i < 1_000; i++)
        {
            resumed.Resumed();
        }

        Assert.Empty(_log.Lines);
        _time.Advance(ResumedBots.Interval);
        Assert.Equal(["Information: 1000 bot(s) resumed from storage on S127.0.0.1:11111:1 (1000 since the silo started)"], _log.Lines);
    }

    [Fact]
    public void QuietSecondsLogNothingAndTheNextResumesAreLoggedWithTheTotalSoFar()
    {
        using var resumed = new ResumedBots(_log, _time, "S1");
        resumed.Resumed();
        _time.Advance(ResumedBots.Interval);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(_log.Lines);

        resumed.Resumed();
        resumed.Resumed();
        _time.Advance(ResumedBots.Interval);
        Assert.Equal("Information: 2 bot(s) resumed from storage on S1 (3 since the silo started)", _log.Lines[^1]);
        Assert.Equal(2, _log.Lines.Count);
    }

    [Fact]
    public void ResumesNotYetLoggedWhenTheSiloStopsAreLoggedThen()
    {
        var resumed = new ResumedBots(_log, _time, "S1");
        resumed.Resumed();

        resumed.Dispose();

        Assert.Equal(["Information: 1 bot(s) resumed from storage on S1 (1 since the silo started)"], _log.Lines);
    }
}

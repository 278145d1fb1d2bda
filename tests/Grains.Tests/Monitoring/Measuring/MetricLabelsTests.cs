using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Measuring;

public sealed class MetricLabelsTests
{
    [Fact]
    public void BothCanonicalFormsAreTheSameStringWhateverTheOrderAndEscaping()
    {
        KeyValuePair<string, object?>[] tags =
        [
            new("zone", "eu \"west\"\\1"),
            new("operation", "bot_tick\n<é & ✓>"),
            new("Status", "failure"),
            new("attempt", 3),
        ];
        var reversed = tags.Reverse().ToArray();
        var dictionary = new Dictionary<string, string>
        {
            ["attempt"] = "3",
            ["zone"] = "eu \"west\"\\1",
            ["Status"] = "failure",
            ["operation"] = "bot_tick\n<é & ✓>",
        };

        var fromTags = LabelSet.Of(tags).Json;

        Assert.Equal(fromTags, LabelSet.Of(reversed).Json);
        Assert.Equal(fromTags, MetricLabels.Canonical(dictionary));
        Assert.Equal(fromTags, MetricLabels.Canonical(MetricLabels.Parse(fromTags)));
        Assert.StartsWith("""{"Status":"failure","attempt":"3","operation":"bot_tick\n""", fromTags, StringComparison.Ordinal);
        Assert.Equal(dictionary, MetricLabels.Parse(fromTags));
    }

    [Fact]
    public void NoLabelsAreAnEmptyObject()
    {
        Assert.Equal("{}", LabelSet.Of([]).Json);
        Assert.Equal("{}", MetricLabels.Canonical(new Dictionary<string, string>()));
    }
}

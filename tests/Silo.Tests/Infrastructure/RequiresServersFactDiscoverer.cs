using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// Discovers a <see cref="RequiresServersFactAttribute"/> test as a failing test case when the run requires the
/// servers and one is missing: failing at discovery names the missing variable, where running the test would
/// only fail somewhere inside it.
/// </summary>
public sealed class RequiresServersFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var unset = TestServers.Unset(factAttribute.GetNamedArgument<bool>(nameof(RequiresServersFactAttribute.Redis)));
        if (!TestServers.Required || unset.Count == 0)
        {
            return base.Discover(discoveryOptions, testMethod, factAttribute);
        }

        var message = $"{TestServers.RequiredVariable}=1 but {string.Join(" and ", unset)} not set: this test {TestServers.Missing}";
        return
        [
            new ExecutionErrorTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                message),
        ];
    }
}

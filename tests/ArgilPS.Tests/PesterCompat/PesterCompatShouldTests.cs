using System.Collections.Generic;
using Xunit;

namespace ArgilPS.Tests.PesterCompat;

public class PesterCompatShouldTests
{
    [Fact]
    public void EveryOperator_PassesPositiveAndNegatedCases_AndReportsPesterMessages()
    {
        var run = PesterCompatHost.Detailed("should");

        Assert.True(run.Status == "Passed", run.Transcript);
        Assert.Equal(21, run.Count("PassedCount"));
        Assert.Equal("21 passed, 0 failed", run.Lines[^1]);
    }

    [Fact]
    public void UnsupportedFeatures_FailTheirTest_NamingTheFeature()
    {
        var run = PesterCompatHost.Detailed("unsupported");

        var expected = new Dictionary<string, string>
        {
            ["Unsupported.Mock"] = "Mock",
            ["Unsupported.Should -Invoke"] = "Should -Invoke",
            ["Unsupported.Should -InvokeVerifiable"] = "Should -InvokeVerifiable",
            ["Unsupported.InModuleScope"] = "InModuleScope",
            ["Unsupported.New-PesterConfiguration"] = "New-PesterConfiguration",
            ["Unsupported.Should -FileContentMatch"] = "Should -FileContentMatch",
            ["Unsupported.Set-ItResult -Inconclusive"] = "Set-ItResult -Inconclusive",
            ["Unsupported.unknown Should operator"] = "Should -BeAwesome",
        };
        foreach (var (test, feature) in expected)
        {
            Assert.Equal("Failed", run.TestResult(test));
            Assert.Equal(
                $"PesterCompat: '{feature}' is not supported by this runner; run the suite under real Pester 5 (build.ps1 -Task Test)",
                run.FirstErrorMessage(test));
        }

        Assert.Equal(expected.Count, run.Count("FailedCount"));
        Assert.Equal($"0 passed, {expected.Count} failed", run.Lines[^1]);
    }
}

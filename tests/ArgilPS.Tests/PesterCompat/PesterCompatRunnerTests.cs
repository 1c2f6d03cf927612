using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ArgilPS.Tests.PesterCompat;

public class PesterCompatRunnerTests
{
    [Fact]
    public void MixedOutcomes_AreCountedAndReported()
    {
        var run = PesterCompatHost.Detailed("basic");

        Assert.Equal("Failed", run.Status);
        Assert.Equal(2, run.Count("PassedCount"));
        Assert.Equal(2, run.Count("FailedCount"));
        Assert.Equal(2, run.Count("SkippedCount"));
        Assert.Equal(6, run.Count("TotalCount"));
        Assert.Equal(2, run.List("Failed").Count);

        Assert.Equal("Passed", run.TestResult("Basic.passes"));
        Assert.Equal("Failed", run.TestResult("Basic.fails"));
        Assert.Equal("Skipped", run.TestResult("Basic.is skipped"));
        Assert.Equal("Failed", run.TestResult("Basic.throws"));
        Assert.Equal("Skipped", run.TestResult("Basic.Nested.skips itself"));
        Assert.Equal("Passed", run.TestResult("Basic.Nested.sees PSScriptRoot"));
        Assert.Equal("Expected 2, but got 1.", run.FirstErrorMessage("Basic.fails"));
        Assert.Equal("boom", run.FirstErrorMessage("Basic.throws"));

        var lines = run.Lines;
        Assert.Matches(@"^\[\+\] Basic\.passes \d+ms$", lines.Single(l => l.StartsWith("[+] Basic.passes", StringComparison.Ordinal)));
        int failed = IndexOf(lines, "[-] Basic.fails ");
        Assert.Equal("    Expected 2, but got 1.", lines[failed + 1]);
        Assert.StartsWith("    at 1 | Should -Be 2, ", lines[failed + 2]);
        Assert.EndsWith("Basic.Tests.ps1:8", lines[failed + 2]);
        Assert.Equal("    RuntimeException: boom", lines[IndexOf(lines, "[-] Basic.throws ") + 1]);
        Assert.Contains("[!] Basic.is skipped skipped", lines);
        Assert.Contains("[!] Basic.Nested.skips itself skipped, because not applicable here", lines);
        Assert.Contains("Tests Passed: 2, Failed: 2, Skipped: 2, NotRun: 0", lines);
        Assert.Equal("2 passed, 2 failed", lines[^1]);
    }

    [Fact]
    public void NormalOutput_ShowsFailuresAndSummaryOnly()
    {
        var run = PesterCompatHost.InvokePester(new Dictionary<string, object?>
        {
            ["Path"] = PesterCompatHost.Fixture("basic"),
        });

        Assert.Empty(run.Output);
        Assert.DoesNotContain(run.Lines, l => l.StartsWith("[+]", StringComparison.Ordinal) || l.StartsWith("[!]", StringComparison.Ordinal));
        Assert.Equal(2, run.Lines.Count(l => l.StartsWith("[-]", StringComparison.Ordinal)));
        Assert.Equal("2 passed, 2 failed", run.Lines[^1]);
    }

    [Fact]
    public void NoneOutput_WritesNothing()
    {
        var run = PesterCompatHost.InvokePester(new Dictionary<string, object?>
        {
            ["Path"] = PesterCompatHost.Fixture("basic"),
            ["Output"] = "None",
            ["PassThru"] = true,
        });

        Assert.Empty(run.Lines);
        Assert.Equal("Failed", run.Status);
    }

    [Fact]
    public void DiscoveryErrors_FailTheirContainer_WhileOtherFilesStillRun()
    {
        var run = PesterCompatHost.Detailed("discovery");

        Assert.Equal("Failed", run.Status);
        Assert.Equal(2, run.Count("FailedContainersCount"));
        Assert.Equal(1, run.Count("PassedCount"));
        Assert.Equal(0, run.Count("FailedCount"));
        Assert.Equal(new[] { "Valid file next to broken ones.still runs" }, run.PathsWithResult("Passed"));
        Assert.Contains(run.Lines, l => l.StartsWith("[-] Discovery in ", StringComparison.Ordinal) && l.EndsWith("ParseError.Tests.ps1 failed with:", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.Contains("Missing closing '}'", StringComparison.Ordinal));
        Assert.Contains("    RuntimeException: discovery blew up", run.Lines);
        Assert.Contains("Container failed: 2", run.Lines);
        Assert.Equal("1 passed, 2 failed", run.Lines[^1]);
    }

    [Theory]
    [InlineData("Fast", "", "", "Filters.fast one")]
    [InlineData("Unit", "", "", "Filters.fast one|Filters.slow one|Filters.Integration.talks to the API")]
    [InlineData("Integ*", "", "", "Filters.Integration.talks to the API")]
    [InlineData("", "Slow", "", "Filters.fast one|Filters.Integration.talks to the API|Other.untagged")]
    [InlineData("", "", "Filters.Integration*", "Filters.Integration.talks to the API")]
    [InlineData("Fast", "", "*untagged", "Filters.fast one|Other.untagged")]
    [InlineData("Unit", "Integration", "", "Filters.fast one|Filters.slow one")]
    public void Filters_SelectTests_LikePester(string tags, string excludeTags, string fullNames, string expected)
    {
        var extra = new List<(string, object)>();
        if (tags.Length > 0) extra.Add(("TagFilter", tags.Split('|')));
        if (excludeTags.Length > 0) extra.Add(("ExcludeTagFilter", excludeTags.Split('|')));
        if (fullNames.Length > 0) extra.Add(("FullNameFilter", fullNames.Split('|')));

        var run = PesterCompatHost.Detailed("filters", extra.ToArray());

        var selected = expected.Split('|');
        Assert.Equal(selected, run.PathsWithResult("Passed"));
        Assert.Equal(4 - selected.Length, run.Count("NotRunCount"));
        Assert.Equal(4, run.Count("TotalCount"));
        Assert.Equal("Passed", run.Status);
        // Setup of a block whose tests are all filtered out must not run.
        Assert.Equal(selected.Contains("Other.untagged"), run.Globals.ContainsKey("PesterCompatOtherBeforeAllRan"));
        Assert.Equal($"{selected.Length} passed, 0 failed", run.Lines[^1]);
    }

    [Theory]
    [InlineData("-CI", "'Invoke-Pester -CI'")]
    [InlineData("-Configuration @{}", "'Invoke-Pester -Configuration'")]
    [InlineData("-Output Diagnostic", "'Invoke-Pester -Output Diagnostic'")]
    public void UnsupportedInvokePesterParameters_FailNamingThem(string arguments, string expectedName)
    {
        var run = PesterCompatHost.InvokeScript($"Invoke-Pester -Path '{PesterCompatHost.Fixture("basic")}' {arguments}");

        Assert.NotNull(run.FailureMessage);
        Assert.Contains($"PesterCompat: {expectedName} is not supported by this runner; run the suite under real Pester 5 (build.ps1 -Task Test)", run.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(run.Lines);
    }

    [Fact]
    public void MissingPath_Fails()
    {
        var run = PesterCompatHost.InvokeScript("Invoke-Pester -Path './no/such/folder'");

        Assert.NotNull(run.FailureMessage);
        Assert.Contains("'./no/such/folder' does not exist", run.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_WorksOutsideInvokePester_AndThrowsAssertionErrors()
    {
        var run = PesterCompatHost.InvokeScript("1 | Should -Be 1; 'a' | Should -Be 'b'");

        Assert.NotNull(run.FailureMessage);
        Assert.StartsWith("Expected strings to be the same, but they were different.", run.FailureMessage, StringComparison.Ordinal);
    }

    private static int IndexOf(IReadOnlyList<string> lines, string prefix)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No line starts with '{prefix}':{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
    }
}

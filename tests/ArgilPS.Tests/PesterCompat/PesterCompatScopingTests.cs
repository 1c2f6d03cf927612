using Xunit;

namespace ArgilPS.Tests.PesterCompat;

public class PesterCompatScopingTests
{
    [Fact]
    public void SetupAndTeardown_RunInPesterOrder()
    {
        var run = PesterCompatHost.Detailed("scoping");

        string[] expected =
        {
            "Describe body",
            "BeforeAll Scoping",
            "BeforeEach Scoping", "It 1", "AfterEach Scoping",
            "BeforeEach Scoping", "It 2", "AfterEach Scoping",
            "BeforeEach Scoping", "It 3", "AfterEach Scoping",
            "BeforeAll Child",
            "BeforeEach Scoping", "BeforeEach Child", "It Child", "AfterEach Child", "AfterEach Scoping",
            "AfterAll Child",
            "BeforeEach Scoping", "It Sibling", "AfterEach Scoping",
            "AfterAll Scoping",
            "failing It", "It after failure", "AfterAll after failing It",
            "AfterAll after BeforeAll failure",
            "AfterEach after BeforeEach failure",
        };
        Assert.Equal(expected, run.StringList("PesterCompatLog"));
    }

    [Fact]
    public void Variables_AreScopedLikePester_AndSetupFailuresFailTheirTests()
    {
        var run = PesterCompatHost.Detailed("scoping");

        string[] passed =
        {
            "Scoping.sees BeforeAll and BeforeEach variables",
            "Scoping.does not see variables set by a previous It",
            "Scoping.does not see variables of the Describe body",
            "Scoping.Child.sees parent and own BeforeAll variables",
            "Scoping.Sibling.does not see variables of a sibling BeforeAll",
            "Other Describe.does not see variables of another Describe",
            "AfterAll after failures.still runs after a failing It",
        };
        Assert.Equal(passed, run.PathsWithResult("Passed"));
        Assert.Equal("expected failure", run.FirstErrorMessage("AfterAll after failures.fails"));
        Assert.Equal("setup broke", run.FirstErrorMessage("BeforeAll failure.fails because BeforeAll failed"));
        Assert.Equal("setup broke", run.FirstErrorMessage("BeforeAll failure.Nested.fails too because the parent BeforeAll failed"));
        Assert.Equal("before each broke", run.FirstErrorMessage("BeforeEach failure.fails because BeforeEach failed"));
        Assert.Equal(4, run.Count("FailedCount"));
        Assert.Equal(1, run.Count("FailedBlocksCount"));
        Assert.Contains("BeforeAll \\ AfterAll failed: 1", run.Lines);
        Assert.Equal("7 passed, 4 failed", run.Lines[^1]);
    }

    [Fact]
    public void DataDrivenTests_ExpandNamesAndExposeData()
    {
        var run = PesterCompatHost.Detailed("data");

        string[] expected =
        {
            "Test cases.adds 1 and 2 to get 3",
            "Test cases.adds 2 and 2 to get 4",
            "Test cases.accepts scalars in -ForEach: x",
            "Test cases.accepts scalars in -ForEach: y",
            "Test cases.expands a property path: Ann",
            "Test cases.exposes test data to BeforeEach and AfterEach: n1",
            "Test cases.uses data from BeforeDiscovery: a.txt",
            "Test cases.uses data from BeforeDiscovery: b.txt",
            "Planet Earth.Earth has 1 moons",
            "Planet Mars.Mars has 2 moons",
        };
        Assert.Equal(expected, run.PathsWithResult("Passed"));
        Assert.Equal(expected.Length, run.Count("TotalCount"));
        Assert.Contains("AfterEach saw 'n1' and $_.Name 'n1'", run.StringList("PesterCompatDataLog"));
        // Like Pester 5, Name keeps the template and ExpandedName/ExpandedPath carry the expansion.
        Assert.Equal("adds <A> and <B> to get <Expected>", (string)run.Test("Test cases.adds 1 and 2 to get 3").Properties["Name"].Value);
    }

    [Fact]
    public void EmptyForEach_WithoutAllowSwitch_FailsDiscovery()
    {
        var run = PesterCompatHost.Detailed("foreach-empty");

        Assert.Equal("Failed", run.Status);
        Assert.Equal(1, run.Count("FailedContainersCount"));
        Assert.Contains(run.Lines, l => l.Contains("use -AllowNullOrEmptyForEach", System.StringComparison.Ordinal));
        Assert.Equal("0 passed, 1 failed", run.Lines[^1]);
    }
}

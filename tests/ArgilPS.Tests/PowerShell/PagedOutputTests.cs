using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ArgilPS.Commands;
using ArgilPS.Core.Paging;
using ArgilPS.Tests.Core.Paging;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// A test-only cmdlet with SupportsPaging, over a fake GET /videos-style list of 2 items a page.
/// Not public: xunit reads the exported types before ArgilPS.dll can be resolved; it is added to
/// the runspace directly.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ArgilPagedOutput", SupportsPaging = true)]
internal sealed class TestArgilPagedOutputCommand : ArgilCmdlet
{
    /// <summary>The fake endpoint (a FakeListEndpoint).</summary>
    [Parameter(Mandatory = true)]
    public object Endpoint { get; set; } = null!;

    /// <summary>Only items whose number is odd (a client-side filter).</summary>
    [Parameter]
    public SwitchParameter Odd { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var pager = ((FakeListEndpoint)Endpoint).Pager(PagingStyle.BodyEnvelope("videos", "limit", 2));
        var written = WritePaged(pager, Odd ? item => int.Parse(item.Substring(5)) % 2 == 1 : null);
        WriteVerbose($"written {written}");
    }
}

/// <summary>The cmdlet base's paged output: one page written at a time, -First, -Skip and -IncludeTotalCount.</summary>
public sealed class PagedOutputTests : IDisposable
{
    private readonly PowerShellHost _host = new(importModule: false, state => state.Commands.Add(
        new SessionStateCmdletEntry("Test-ArgilPagedOutput", typeof(TestArgilPagedOutputCommand), null)));
    private readonly FakeListEndpoint _api = new(n => (FakeListEndpoint.Envelope("videos", n, 2, 7), null));

    private ScriptResult Run(string arguments) =>
        _host.Run("Test-ArgilPagedOutput -Endpoint $api " + arguments, new Dictionary<string, object?> { ["api"] = _api }).ThrowIfTerminated();

    private static IEnumerable<string> Items(ScriptResult r) => r.Output.Select(o => o.BaseObject).OfType<string>();

    [Fact]
    public void WithoutPagingParametersEveryPageIsReadAndWritten()
    {
        var r = Run("");
        Assert.Equal(Enumerable.Range(1, 7).Select(i => "item-" + i), Items(r));
        Assert.Equal(4, _api.Requests);
    }

    [Fact]
    public void FirstStopsRequestingPagesOnceItHasItsItems()
    {
        var r = Run("-First 3");
        Assert.Equal(new[] { "item-1", "item-2", "item-3" }, Items(r));
        Assert.Equal(new[] { "page=1&limit=2", "page=2&limit=2" }, _api.Queries);
    }

    [Fact]
    public void SkipAndFirstApplyAcrossPages()
    {
        var r = Run("-Skip 3 -First 2");
        Assert.Equal(new[] { "item-4", "item-5" }, Items(r));
        Assert.Equal(3, _api.Requests);
    }

    [Fact]
    public void FirstZeroSendsNothing()
    {
        Assert.Empty(Run("-First 0").Output);
        Assert.Equal(0, _api.Requests);
    }

    [Fact]
    public void IncludeTotalCountWritesTheApiTotalFirst()
    {
        var r = Run("-IncludeTotalCount -First 1 | ForEach-Object { $_.ToString() }");
        Assert.Equal(new[] { "Total count: 7", "item-1" }, Items(r));
        Assert.Equal(1, _api.Requests);
    }

    [Fact]
    public void WithAClientFilterTheTotalIsUnknownAndTheWindowCountsMatches()
    {
        var r = Run("-IncludeTotalCount -Skip 1 -First 2 -Odd -Verbose | ForEach-Object { $_.ToString() }");
        Assert.Equal(new[] { "Unknown total count", "item-3", "item-5" }, Items(r));
        Assert.Contains("written 2", r.Verbose);
    }

    public void Dispose() => _host.Dispose();
}

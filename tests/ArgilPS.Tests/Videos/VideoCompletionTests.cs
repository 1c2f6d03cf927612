using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Tests.Avatars;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>
/// Video ids complete on every -Id of the video cmdlets, showing the names; whatever a hostile
/// service sends as an id or a name, Tab inserts exactly one quoted argument, never code.
/// </summary>
public sealed class VideoCompletionTests : System.IDisposable
{
    private readonly FakeVideoApi _api = new();
    private readonly PowerShellHost _host;

    public VideoCompletionTests() => _host = _api.Host();

    private CommandCompletion Complete(string input) =>
        (CommandCompletion)_host.Run("TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length",
            new Dictionary<string, object?> { ["completionInput"] = input }).Output.Single().BaseObject;

    public static TheoryData<string> HostileTexts => CompletionTests.HostileTexts;

    [Theory]
    [InlineData("Get-ArgilVideo -Id ")]
    [InlineData("Get-ArgilVideo -VideoId ")]
    [InlineData("Remove-ArgilVideo -Id ")]
    [InlineData("Start-ArgilVideoRender -Id ")]
    [InlineData("Start-ArgilVideoRender ")]
    public void EveryIdParameterCompletesVideoIdsShowingTheirNamesAndStatus(string input)
    {
        var id = _api.AddVideo("Weekly news", status: "DONE");
        var match = Assert.Single(Complete(input).CompletionMatches);
        Assert.Equal($"'{id}'", match.CompletionText);
        Assert.Equal($"{id} (Weekly news)", match.ListItemText);
        Assert.Equal("Weekly news: DONE", match.ToolTip);
    }

    [Fact]
    public void WhatWasTypedNarrowsByIdOrNameAndTheListIsCachedForAMinute()
    {
        var a = _api.AddVideo("Alpha");
        _api.AddVideo("Beta");
        Assert.Equal($"'{a}'", Assert.Single(Complete("Get-ArgilVideo -Id Alp").CompletionMatches).CompletionText);
        var requests = _api.Requests.Count;
        Assert.Equal($"'{a}'", Assert.Single(Complete($"Get-ArgilVideo -Id {a.Substring(0, 30)}").CompletionMatches, m => m.CompletionText == $"'{a}'").CompletionText);
        Assert.Equal(requests, _api.Requests.Count);
    }

    [Fact]
    public void AnUnreachableServiceGivesNoSuggestionsAndNoError()
    {
        _api.Override = _ => (500, "{}");
        var r = _host.Run("TabExpansion2 -inputScript 'Get-ArgilVideo -Id ' -cursorColumn 19");
        Assert.Empty(r.Errors);
        Assert.Empty(((CommandCompletion)r.Output.Single().BaseObject).CompletionMatches);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void AHostileIdCompletesToExactlyOneArgumentEqualToIt(string id)
    {
        _api.AddVideo("", id: id);
        Assert.Equal(id, CompleteToTheOnlyArgument("Get-ArgilVideo -Id "));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void AHostileNameIsShownWithoutControlCharactersAndNeverInserted(string name)
    {
        var id = _api.AddVideo(name);
        Assert.Equal(id, CompleteToTheOnlyArgument("Remove-ArgilVideo -Id "));
    }

    private string CompleteToTheOnlyArgument(string input)
    {
        var completion = Complete(input);
        var match = Assert.Single(completion.CompletionMatches);
        Assert.DoesNotContain(match.ListItemText, char.IsControl);
        Assert.DoesNotContain(match.ToolTip, char.IsControl);
        var line = input.Substring(0, completion.ReplacementIndex) + match.CompletionText + input.Substring(completion.ReplacementIndex + completion.ReplacementLength);
        var ast = Parser.ParseInput(line, out _, out var errors);
        Assert.Empty(errors);
        var pipeline = Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements));
        var command = Assert.IsType<CommandAst>(Assert.Single(pipeline.PipelineElements));
        Assert.Equal(3, command.CommandElements.Count);
        return Assert.IsType<StringConstantExpressionAst>(command.CommandElements[2]).Value;
    }

    public void Dispose()
    {
        _host.Dispose();
        _api.Dispose();
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Avatars;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Assets;

/// <summary>
/// Tab completion of assets: any asset for -Id, AUDIO assets (background music) and IMAGE/VIDEO
/// assets (B-roll) through the two completers the video cmdlets take, with hostile names and ids.
/// </summary>
public class AssetCompletionTests
{
    /// <summary>Functions with the completers on the parameters the video cmdlets will give them.</summary>
    private const string VideoLikeFunctions = """
        function Test-Music { param([ArgumentCompleter([ArgilPS.Completion.AudioAssetCompleter])] [string] $BackgroundMusicAssetId) $BackgroundMusicAssetId }
        function Test-Broll { param([ArgumentCompleter([ArgilPS.Completion.BrollAssetCompleter])] [string] $BrollAssetId) $BrollAssetId }
        """;

    private static CommandCompletion Complete(SandboxHost s, string input) =>
        (CommandCompletion)s.Host.Run("TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length",
            new Dictionary<string, object?> { ["completionInput"] = input }).Output.Single().BaseObject;

    [Fact]
    public void IdCompletesAnyAssetInAnyStatusShowingItsNameAndType()
    {
        using var s = new SandboxHost();
        var processing = s.UploadAsset("Zebra clip", "VIDEO");
        var matches = Complete(s, "Get-ArgilAsset -Id ").CompletionMatches;
        Assert.Equal(SandboxAssets.SeededAudio + SandboxAssets.SeededImages + SandboxAssets.SeededVideos + 1, matches.Count);
        var zebra = Assert.Single(matches, m => m.CompletionText == $"'{processing}'");
        Assert.Equal("Zebra clip (VIDEO)", zebra.ListItemText);
        Assert.Contains("PROCESSING", zebra.ToolTip);
        Assert.Equal($"'{processing}'", Assert.Single(Complete(s, "Wait-ArgilAsset -Id Zeb").CompletionMatches).CompletionText);
        // One list per status (the API lists READY unless asked), then the cached lists for a minute.
        Assert.Equal(new[] { "status=FAILED", "status=PROCESSING", "status=READY" },
            s.Sandbox.Journal.Select(j => j.Query.Split('&')[0]).OrderBy(q => q));
    }

    [Fact]
    public void MusicCompletesReadyAudioAssetsAndBrollReadyImagesAndVideos()
    {
        using var s = new SandboxHost();
        s.Run(VideoLikeFunctions).ThrowIfTerminated();
        s.UploadAsset("Not ready yet", "IMAGE");
        var music = Complete(s, "Test-Music -BackgroundMusicAssetId ").CompletionMatches;
        Assert.Equal(SandboxAssets.SeededAudio, music.Count);
        Assert.All(music, m => Assert.EndsWith("(AUDIO)", m.ListItemText));
        Assert.Contains(music, m => m.ListItemText == "Calm Piano (AUDIO)" && m.CompletionText == $"'{SandboxAssets.SeedId(1)}'");
        Assert.Equal("type=AUDIO&status=READY&page=1&pageSize=100", s.Sandbox.Journal.Last().Query);

        var broll = Complete(s, "Test-Broll -BrollAssetId ").CompletionMatches;
        Assert.Equal(SandboxAssets.SeededImages + SandboxAssets.SeededVideos, broll.Count);
        Assert.All(broll, m => Assert.True(m.ListItemText.EndsWith("(IMAGE)") || m.ListItemText.EndsWith("(VIDEO)"), m.ListItemText));
        Assert.DoesNotContain(broll, m => m.ListItemText.StartsWith("Not ready"));
        Assert.Equal("type=IMAGE&type=VIDEO&status=READY&page=1&pageSize=100", s.Sandbox.Journal.Last().Query);
        Assert.Equal($"'{SandboxAssets.SeedId(1)}'", Assert.Single(Complete(s, "Test-Music -BackgroundMusicAssetId calm").CompletionMatches).CompletionText);
    }

    [Fact]
    public void UploadingAnAssetMakesItCompleteAtOnce()
    {
        using var s = new SandboxHost();
        Assert.Empty(Complete(s, "Get-ArgilAsset -Id Fresh").CompletionMatches);
        s.Run("New-ArgilAsset -Name 'Fresh upload' -Type IMAGE -Url 'https://cdn.example/f.png'").ThrowIfTerminated();
        Assert.Single(Complete(s, "Get-ArgilAsset -Id Fresh").CompletionMatches);
    }

    [Fact]
    public void AnUnreachableServiceGivesNoSuggestionsAndNoError()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/assets", StatusCode = 500, Count = 100 });
        var r = s.Run("TabExpansion2 -inputScript 'Get-ArgilAsset -Id ' -cursorColumn 19");
        Assert.Empty(r.Errors);
        Assert.Empty(((CommandCompletion)r.Output.Single().BaseObject).CompletionMatches);
    }

    private static string ListOf(string id, string name, string type) =>
        System.Text.Json.JsonSerializer.Serialize(new[] { new { id, name, type, status = "READY" } });

    /// <summary>The service answers every asset list with exactly this asset.</summary>
    private static void Serve(SandboxHost s, string id, string name, string type) =>
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/assets", StatusCode = 200, Body = ListOf(id, name, type), Count = 1000 });

    /// <summary>Applies the one completion Tab offers, parses the line, and returns the single argument of the single command it must be.</summary>
    private static string CompleteToTheOnlyArgument(SandboxHost s, string input, string command, string parameter)
    {
        var completion = Complete(s, input);
        var match = Assert.Single(completion.CompletionMatches);
        Assert.DoesNotContain(match.ListItemText, char.IsControl);
        Assert.DoesNotContain(match.ToolTip, char.IsControl);
        var line = input.Substring(0, completion.ReplacementIndex) + match.CompletionText + input.Substring(completion.ReplacementIndex + completion.ReplacementLength);
        var ast = Parser.ParseInput(line, out _, out var errors);
        Assert.Empty(errors);
        var pipeline = Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements));
        var element = Assert.IsType<CommandAst>(Assert.Single(pipeline.PipelineElements));
        Assert.Equal(3, element.CommandElements.Count);
        Assert.Equal(command, element.GetCommandName());
        Assert.Equal(parameter, Assert.IsType<CommandParameterAst>(element.CommandElements[1]).ParameterName);
        return Assert.IsType<StringConstantExpressionAst>(element.CommandElements[2]).Value;
    }

    [Theory]
    [MemberData(nameof(CompletionTests.HostileTexts), MemberType = typeof(CompletionTests))]
    public void ACompletedIdIsExactlyOneArgumentEqualToTheIdWhateverTheNameHolds(string hostile)
    {
        using var s = new SandboxHost();
        s.Run(VideoLikeFunctions).ThrowIfTerminated();
        Serve(s, hostile, hostile, "AUDIO");
        Assert.Equal(hostile, CompleteToTheOnlyArgument(s, "Get-ArgilAsset -Id ", "Get-ArgilAsset", "Id"));
        Assert.Equal(hostile, CompleteToTheOnlyArgument(s, "Test-Music -BackgroundMusicAssetId ", "Test-Music", "BackgroundMusicAssetId"));
        Assert.Equal(hostile, CompleteToTheOnlyArgument(s, "Test-Broll -BrollAssetId ", "Test-Broll", "BrollAssetId"));
    }

    [Fact]
    public void PressingEnterOnACompletedHostileIdRunsNothingButTheCommand()
    {
        const string id = "Team\u2019; Set-Content ./PWNED.txt injected; \u2018";
        using var s = new SandboxHost();
        s.Run(VideoLikeFunctions).ThrowIfTerminated();
        Serve(s, id, "Music", "AUDIO");
        var folder = System.IO.Directory.CreateTempSubdirectory("argilps-asset-completion-").FullName;
        try
        {
            s.Host.Run("Set-Location -LiteralPath $folder", new Dictionary<string, object?> { ["folder"] = folder }).ThrowIfTerminated();
            const string input = "Test-Music -BackgroundMusicAssetId ";
            var completion = Complete(s, input);
            var match = Assert.Single(completion.CompletionMatches);
            var r = s.Run(input.Substring(0, completion.ReplacementIndex) + match.CompletionText);
            Assert.Empty(r.Errors);
            Assert.Equal(id, r.Output.Single().ToString());
            Assert.Empty(System.IO.Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            s.Run("Set-Location -LiteralPath ([IO.Path]::GetTempPath())");
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}

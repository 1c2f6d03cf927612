using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Assets;
using ArgilPS.Tests.Avatars;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>
/// Tab on the parameters of New-ArgilVideo and New-ArgilVideoMoment that name other resources:
/// voices, subtitle styles, music and B-roll assets, and the gestures of the avatar already typed.
/// Whatever a hostile service sends as a slug or a label, Tab inserts exactly one quoted argument.
/// </summary>
public class VideoParameterCompletionTests
{
    private const string PublicAvatar = SandboxVideoSupport.PublicAvatar;

    private static CommandCompletion Complete(SandboxHost s, string input) =>
        (CommandCompletion)s.Host.Run("TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length",
            new Dictionary<string, object?> { ["completionInput"] = input }).Output.Single().BaseObject;

    private static List<string> Texts(SandboxHost s, string input) => Complete(s, input).CompletionMatches.Select(m => m.CompletionText).ToList();

    private static List<string> Ids(SandboxHost s, string script) =>
        s.Run(script).Output.Select(o => "'" + o.BaseObject + "'").OrderBy(x => x, System.StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("New-ArgilVideo -Name 'N' -AvatarId 'a' -Script 'Hi.' -VoiceId ")]
    [InlineData("New-ArgilVideoMoment -AvatarId 'a' -Transcript 'Hi.' -VoiceId ")]
    [InlineData("Get-ArgilVideo -VoiceId ")]
    public void VoiceIdCompletesTheAccountsVoices(string input)
    {
        using var s = new SandboxHost();
        var voices = Ids(s, "(Get-ArgilVoice).Id");
        Assert.NotEmpty(voices);
        Assert.Equal(voices, Texts(s, input).OrderBy(x => x, System.StringComparer.Ordinal));
        Assert.Contains(Complete(s, input).CompletionMatches, m => m.ToolTip == "Sandbox Camille: FRENCH, FEMALE");
    }

    [Fact]
    public void SubtitleStyleIdCompletesTheStyles()
    {
        using var s = new SandboxHost();
        var styles = Ids(s, "(Get-ArgilSubtitleStyle).Id");
        Assert.NotEmpty(styles);
        Assert.Equal(styles, Texts(s, "New-ArgilVideo -Name 'N' -AvatarId 'a' -Script 'Hi.' -SubtitleStyleId ").OrderBy(x => x, System.StringComparer.Ordinal));
    }

    [Fact]
    public void BackgroundMusicCompletesReadyAudioAndBrollReadyImagesAndVideos()
    {
        using var s = new SandboxHost();
        var pending = s.UploadAsset("Not ready yet", "IMAGE");
        var music = Complete(s, "New-ArgilVideo -Name 'N' -AvatarId 'a' -Script 'Hi.' -BackgroundMusicAssetId ").CompletionMatches;
        Assert.Equal(SandboxAssets.SeededAudio, music.Count);
        Assert.All(music, m => Assert.EndsWith("(AUDIO)", m.ListItemText));
        Assert.Equal(Ids(s, "(Get-ArgilAsset -Type AUDIO).Id"), music.Select(m => m.CompletionText).OrderBy(x => x, System.StringComparer.Ordinal));

        var broll = Complete(s, "New-ArgilVideoMoment -AvatarId 'a' -Transcript 'Hi.' -BrollAssetId ").CompletionMatches;
        Assert.Equal(SandboxAssets.SeededImages + SandboxAssets.SeededVideos, broll.Count);
        Assert.All(broll, m => Assert.True(m.ListItemText.EndsWith("(IMAGE)") || m.ListItemText.EndsWith("(VIDEO)"), m.ListItemText));
        Assert.DoesNotContain(broll, m => m.CompletionText == $"'{pending}'");
    }

    [Theory]
    [InlineData("New-ArgilVideo -Name 'N' -AvatarId '{0}' -Script 'Hi.' -GestureSlug ")]
    [InlineData("New-ArgilVideoMoment -AvatarId {0} -Transcript 'Hi.' -GestureSlug ")]
    [InlineData("New-ArgilVideoMoment -Transcript 'Hi.' -GestureSlug '' -AvatarId {0}")]
    public void GestureSlugCompletesTheGesturesOfTheAvatarOnTheLineWithTheirLabels(string template)
    {
        using var s = new SandboxHost();
        var input = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, PublicAvatar);
        CommandCompletion completion;
        if (input.EndsWith("-GestureSlug ", System.StringComparison.Ordinal)) completion = Complete(s, input);
        else
        {
            // The cursor in the empty slug, with -AvatarId after it.
            var at = input.IndexOf("''", System.StringComparison.Ordinal) + 1;
            completion = (CommandCompletion)s.Host.Run("TabExpansion2 -inputScript $i -cursorColumn $c",
                new Dictionary<string, object?> { ["i"] = input, ["c"] = at }).Output.Single().BaseObject;
        }
        var matches = completion.CompletionMatches;
        Assert.Equal(new[] { "'wave'", "'point-right'" }, matches.Select(m => m.CompletionText));
        Assert.Equal(new[] { "wave (Wave)", "point-right (Point right)" }, matches.Select(m => m.ListItemText));
        Assert.Equal(new[] { "Wave", "Point right" }, matches.Select(m => m.ToolTip));
        Assert.Equal(1, s.Sandbox.Journal.Count(j => j.Method == "GET" && j.Path == "/avatars/" + PublicAvatar));
    }

    [Fact]
    public void WhatWasTypedNarrowsBySlugOrLabelAndTheGesturesAreCached()
    {
        using var s = new SandboxHost();
        var line = $"New-ArgilVideoMoment -AvatarId {PublicAvatar} -Transcript 'Hi.' -GestureSlug ";
        Assert.Equal(new[] { "'point-right'" }, Texts(s, line + "poi"));
        Assert.Equal(new[] { "'point-right'" }, Texts(s, line + "'Point r"));
        Assert.Equal(new[] { "'wave'" }, Texts(s, line + "Wa"));
        Assert.Single(s.Sandbox.Journal);
    }

    [Theory]
    [InlineData("New-ArgilVideo -Name 'N' -Script 'Hi.' -GestureSlug ")]
    [InlineData("New-ArgilVideoMoment -Transcript 'Hi.' -GestureSlug ")]
    [InlineData("New-ArgilVideoMoment -AvatarId $someAvatar -Transcript 'Hi.' -GestureSlug ")]
    public void WithoutAnAvatarIdOnTheLineNothingIsOfferedOrAsked(string input)
    {
        using var s = new SandboxHost();
        var r = s.Host.Run("TabExpansion2 -inputScript $i -cursorColumn $i.Length", new Dictionary<string, object?> { ["i"] = input });
        Assert.Empty(r.Errors);
        Assert.Empty(((CommandCompletion)r.Output.Single().BaseObject).CompletionMatches);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Theory]
    [InlineData("no-such-avatar", 0)]
    [InlineData("00000000-0000-4000-8000-000000000001", 500)]
    public void AnAvatarThatCannotBeFetchedGivesNoSuggestionsAndNoError(string avatarId, int status)
    {
        using var s = new SandboxHost();
        if (status != 0) s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars/*", StatusCode = status, Count = 100 });
        var input = $"New-ArgilVideoMoment -AvatarId '{avatarId}' -Transcript 'Hi.' -GestureSlug ";
        var r = s.Host.Run("TabExpansion2 -inputScript $i -cursorColumn $i.Length", new Dictionary<string, object?> { ["i"] = input });
        Assert.Empty(r.Errors);
        Assert.Empty(((CommandCompletion)r.Output.Single().BaseObject).CompletionMatches);
        Assert.NotEmpty(s.Sandbox.Journal);
    }

    public static TheoryData<string> HostileTexts => CompletionTests.HostileTexts;

    /// <summary>The service answers GET /avatars/{id} with an avatar that has exactly these gestures.</summary>
    private static void ServeAvatar(SandboxHost s, string id, params (string Slug, string? Label)[] gestures)
    {
        using var stream = new System.IO.MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("name", "Served");
            json.WriteString("status", "IDLE");
            json.WriteStartArray("gestures");
            foreach (var (slug, label) in gestures)
            {
                json.WriteStartObject();
                json.WriteString("slug", slug);
                if (label is null) json.WriteNull("label");
                else json.WriteString("label", label);
                json.WriteNumber("startFrame", 0);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/*", StatusCode = 200,
            Body = System.Text.Encoding.UTF8.GetString(stream.ToArray()), Count = 1000,
        });
    }

    /// <summary>
    /// Applies the one completion Tab would insert, parses the line as PowerShell would when Enter
    /// is pressed, and returns the value of -GestureSlug, which must be one constant argument.
    /// </summary>
    private static string CompleteToTheSlug(SandboxHost s, string avatarId)
    {
        var input = $"New-ArgilVideoMoment -AvatarId '{avatarId}' -GestureSlug ";
        var completion = Complete(s, input);
        var match = Assert.Single(completion.CompletionMatches);
        Assert.DoesNotContain(match.ListItemText, char.IsControl);
        Assert.DoesNotContain(match.ToolTip, char.IsControl);
        var line = input.Substring(0, completion.ReplacementIndex) + match.CompletionText + input.Substring(completion.ReplacementIndex + completion.ReplacementLength);
        var ast = Parser.ParseInput(line, out _, out var errors);
        Assert.Empty(errors);
        var pipeline = Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements));
        var command = Assert.IsType<CommandAst>(Assert.Single(pipeline.PipelineElements));
        Assert.Equal(5, command.CommandElements.Count);
        Assert.Equal("GestureSlug", Assert.IsType<CommandParameterAst>(command.CommandElements[3]).ParameterName);
        return Assert.IsType<StringConstantExpressionAst>(command.CommandElements[4]).Value;
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void AHostileSlugCompletesToExactlyOneArgumentEqualToIt(string slug)
    {
        using var s = new SandboxHost();
        ServeAvatar(s, "served-avatar", (slug, "Label"));
        Assert.Equal(slug, CompleteToTheSlug(s, "served-avatar"));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void AHostileLabelIsShownWithoutControlCharactersAndNeverInserted(string label)
    {
        using var s = new SandboxHost();
        ServeAvatar(s, "labelled-avatar", ("plain-slug", label));
        Assert.Equal("plain-slug", CompleteToTheSlug(s, "labelled-avatar"));
    }
}

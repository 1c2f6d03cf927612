using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Avatars;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Voices;

/// <summary>Tab completion of voices: ids with names and languages shown, names, models and emotions; hostile names stay data.</summary>
public class VoiceCompletionTests
{
    private static CommandCompletion Complete(SandboxHost s, string input) =>
        (CommandCompletion)s.Host.Run("TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length",
            new Dictionary<string, object?> { ["completionInput"] = input }).Output.Single().BaseObject;

    private static string ListOf(params (string Id, string Name, string? Language)[] voices)
    {
        using var stream = new System.IO.MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var (id, name, language) in voices)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("name", name);
                json.WriteString("status", "IDLE");
                if (language is null) json.WriteNull("language");
                else json.WriteString("language", language);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The service answers every voice list with exactly these voices.</summary>
    private static void ServeList(SandboxHost s, params (string Id, string Name, string? Language)[] voices) =>
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/voices", StatusCode = 200, Body = ListOf(voices), Count = 1000 });

    [Fact]
    public void VoiceIdCompletesIdsShowingNameAndLanguage()
    {
        using var s = new SandboxHost();
        var matches = Complete(s, "Get-ArgilVoice -Id ").CompletionMatches;
        Assert.Equal(6, matches.Count);
        var camille = Assert.Single(matches, m => m.CompletionText == "'00000000-0000-4000-8000-100000000003'");
        Assert.Equal("00000000-0000-4000-8000-100000000003 (Sandbox Camille)", camille.ListItemText);
        Assert.Equal("Sandbox Camille: FRENCH, FEMALE", camille.ToolTip);
        // A voice without language or gender shows its name alone.
        Assert.Equal("Sandbox Narrator", Assert.Single(matches, m => m.ListItemText.Contains("Narrator")).ToolTip);
        // What was typed matches the start of a name too.
        Assert.Equal(new[] { "'00000000-0000-4000-8000-100000000004'" }, Complete(s, "Get-ArgilVoice -Id 'Sandbox M").CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void NewArgilAvatarVoiceIdCompletesVoicesAndANewVoiceCompletesAtOnce()
    {
        using var s = new SandboxHost();
        Assert.Equal(6, Complete(s, "New-ArgilAvatar -Name a -ImageUrl https://e.example/a.png -VoiceId ").CompletionMatches.Count);
        var id = s.Run("(New-ArgilVoice -Name 'Zed voice' -AudioUrl 'https://e.example/z.mp3').Id").Output.Single().ToString();
        var zed = Assert.Single(Complete(s, "New-ArgilAvatar -VoiceId Zed").CompletionMatches);
        Assert.Equal($"'{id}'", zed.CompletionText);
    }

    [Fact]
    public void TheListIsCachedBetweenTabPresses()
    {
        using var s = new SandboxHost();
        Assert.NotEmpty(Complete(s, "Get-ArgilVoice -Name Sandbox").CompletionMatches);
        var before = s.Sandbox.Journal.Count;
        Assert.Equal(new[] { "'Sandbox Camille'" }, Complete(s, "Get-ArgilVoice -Name 'Sandbox C").CompletionMatches.Select(m => m.CompletionText));
        Assert.Equal(before, s.Sandbox.Journal.Count);
    }

    [Fact]
    public void ModelIdCompletesTheDocumentedModelsWithTheirProvider()
    {
        using var s = new SandboxHost();
        var all = Complete(s, "New-ArgilVoice -ModelId ").CompletionMatches;
        Assert.Equal(15, all.Count);
        Assert.Equal(7, all.Count(m => m.ListItemText.EndsWith("(ElevenLabs)")));
        Assert.Equal(8, all.Count(m => m.ListItemText.EndsWith("(Minimax)")));
        var minimax = Complete(s, "New-ArgilVoice -ModelId speech-2.8").CompletionMatches;
        Assert.Equal(new[] { "'speech-2.8-hd'", "'speech-2.8-turbo'" }, minimax.Select(m => m.CompletionText));
        Assert.Equal("Minimax model, recommended", minimax[0].ToolTip);
        // Typing the provider offers its models.
        Assert.All(Complete(s, "New-ArgilVoice -ModelId Eleven").CompletionMatches, m => Assert.StartsWith("'eleven_", m.CompletionText));
    }

    [Fact]
    public void EnumLikeParametersCompleteTheirValues()
    {
        using var s = new SandboxHost();
        Assert.Equal(new[] { "'sad'", "'surprised'" }, Complete(s, "New-ArgilVoice -Emotion s").CompletionMatches.Select(m => m.CompletionText));
        Assert.Equal(new[] { "ELEVEN_LABS", "MINIMAX" }, Complete(s, "Sync-ArgilVoice -Provider ").CompletionMatches.Select(m => m.CompletionText));
        Assert.Contains("BRAZILIAN_PORTUGUESE", Complete(s, "Get-ArgilVoice -Language B").CompletionMatches.Select(m => m.CompletionText));
        Assert.Equal(new[] { "FEMALE", "MALE" }, Complete(s, "Get-ArgilVoice -Gender ").CompletionMatches.Select(m => m.CompletionText).OrderBy(t => t));
    }

    [Fact]
    public void AnUnreachableServiceGivesNoSuggestionsAndNoError()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/voices", StatusCode = 500, Count = 100 });
        var r = s.Run("TabExpansion2 -inputScript 'Get-ArgilVoice -Id ' -cursorColumn 19");
        Assert.Empty(r.Errors);
        Assert.Empty(((CommandCompletion)r.Output.Single().BaseObject).CompletionMatches);
    }

    /// <summary>
    /// Applies the one completion Tab would insert, parses the line as PowerShell would when Enter
    /// is pressed, and returns the single argument of the single command it must be.
    /// </summary>
    private static string CompleteToTheOnlyArgument(SandboxHost s, string input, string command, string parameter)
    {
        var completion = Complete(s, input);
        var match = Assert.Single(completion.CompletionMatches);
        Assert.DoesNotContain(match.ListItemText, char.IsControl);
        Assert.DoesNotContain(match.ToolTip, char.IsControl);
        var line = input.Substring(0, completion.ReplacementIndex) + match.CompletionText + input.Substring(completion.ReplacementIndex + completion.ReplacementLength);
        var ast = Parser.ParseInput(line, out _, out var errors);
        Assert.Empty(errors);
        Assert.Null(ast.BeginBlock);
        Assert.Null(ast.ProcessBlock);
        var pipeline = Assert.IsType<PipelineAst>(Assert.Single(ast.EndBlock.Statements));
        var commandAst = Assert.IsType<CommandAst>(Assert.Single(pipeline.PipelineElements));
        Assert.Equal(command, commandAst.GetCommandName());
        var arguments = commandAst.CommandElements.Skip(1).ToList();
        Assert.Equal(parameter, Assert.IsType<CommandParameterAst>(arguments[arguments.Count - 2]).ParameterName);
        return Assert.IsType<StringConstantExpressionAst>(arguments[arguments.Count - 1]).Value;
    }

    [Theory]
    [MemberData(nameof(CompletionTests.HostileTexts), MemberType = typeof(CompletionTests))]
    public void ACompletedVoiceIdIsExactlyOneArgumentEqualToTheId(string id)
    {
        using var s = new SandboxHost();
        // A hostile id, and a hostile name and language to show.
        ServeList(s, (id, "Team\u001b[2J $(x) '\u2019", "\u001b]0;title\u0007"));
        Assert.Equal(id, CompleteToTheOnlyArgument(s, "Get-ArgilVoice -Id ", "Get-ArgilVoice", "Id"));
        Assert.Equal(id, CompleteToTheOnlyArgument(s, "New-ArgilAvatar -Name 'A' -ImageUrl 'https://e.example/a.png' -VoiceId ", "New-ArgilAvatar", "VoiceId"));
    }

    [Theory]
    [MemberData(nameof(CompletionTests.HostileTexts), MemberType = typeof(CompletionTests))]
    public void ACompletedVoiceNameIsExactlyOneArgumentThatFindsThatVoice(string name)
    {
        using var s = new SandboxHost();
        ServeList(s, ("3c90c3cc-0d44-4b50-8888-8dd25736052a", name, null), ("6a1b8c2e-0000-4b50-8888-8dd25736052b", "", "ENGLISH"));
        var typed = name.StartsWith("Te", System.StringComparison.Ordinal) ? "Te" : "";
        var value = CompleteToTheOnlyArgument(s, "Get-ArgilVoice -Name " + typed, "Get-ArgilVoice", "Name");
        // -Name takes wildcards, so the name comes escaped for them, and finds exactly itself.
        Assert.Equal(WildcardPattern.Escape(name), value);
        var found = s.Host.Run("Get-ArgilVoice -Name $completed", new Dictionary<string, object?> { ["completed"] = value });
        Assert.Empty(found.Errors);
        Assert.Equal(name, Assert.Single(found.Objects<Voice>()).Name);
    }

    [Fact]
    public void PressingEnterOnACompletedHostileVoiceNameRunsNothingButTheCommand()
    {
        const string name = "Team\u2019; Set-Content ./PWNED.txt injected; \u2018";
        using var s = new SandboxHost();
        var folder = System.IO.Directory.CreateTempSubdirectory("argilps-voice-completion-").FullName;
        try
        {
            s.Host.Run("New-ArgilVoice -Name $n -AudioUrl 'https://example.com/team.mp3' | Out-Null; Set-Location -LiteralPath $folder",
                new Dictionary<string, object?> { ["n"] = name, ["folder"] = folder }).ThrowIfTerminated();
            const string input = "Get-ArgilVoice -Visibility private -Name Te";
            var completion = Complete(s, input);
            var match = Assert.Single(completion.CompletionMatches);
            var line = input.Substring(0, completion.ReplacementIndex) + match.CompletionText + input.Substring(completion.ReplacementIndex + completion.ReplacementLength);
            var r = s.Run(line);
            Assert.Empty(r.Errors);
            Assert.Equal(name, Assert.Single(r.Objects<Voice>()).Name);
            Assert.Empty(System.IO.Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            s.Run("Set-Location -LiteralPath ([IO.Path]::GetTempPath())");
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Avatars;

public class CompletionTests
{
    private static CommandCompletion Complete(SandboxHost s, string input) =>
        (CommandCompletion)s.Host.Run("TabExpansion2 -inputScript $completionInput -cursorColumn $completionInput.Length",
            new Dictionary<string, object?> { ["completionInput"] = input }).Output.Single().BaseObject;

    [Fact]
    public void IdCompletesAvatarIdsShowingTheirNames()
    {
        using var s = new SandboxHost();
        var id = s.CreateAvatar("Zebra presenter");
        var matches = Complete(s, "Get-ArgilAvatar -Id ").CompletionMatches;
        Assert.Equal(4, matches.Count);
        var zebra = Assert.Single(matches, m => m.CompletionText == $"'{id}'");
        Assert.Equal($"{id} (Zebra presenter)", zebra.ListItemText);
        Assert.Equal($"'{id}'", Assert.Single(Complete(s, $"Wait-ArgilAvatar -Id {id.Substring(0, 8)}").CompletionMatches).CompletionText);
    }

    [Fact]
    public void NameCompletesNamesQuotedWhenNeededAndTheListIsCached()
    {
        using var s = new SandboxHost();
        var matches = Complete(s, "Get-ArgilAvatar -Name Sandbox*").CompletionMatches.Select(m => m.CompletionText).ToList();
        Assert.Equal(new[] { "'Sandbox Atom Presenter'", "'Sandbox Street Reporter'", "'Sandbox Studio Host'" }, matches);
        var before = s.Sandbox.Journal.Count;
        Complete(s, "Get-ArgilAvatar -Name Sandbox");
        Assert.Equal(before, s.Sandbox.Journal.Count);
    }

    [Fact]
    public void CreatingAnAvatarOnAnotherConnectionKeepsThisConnectionsCachedList()
    {
        using var s = new SandboxHost();
        using var other = new SandboxHost();
        Assert.NotEmpty(Complete(s, "Get-ArgilAvatar -Name Sandbox").CompletionMatches);
        var before = s.Sandbox.Journal.Count;
        other.Run("New-ArgilAvatar -Name 'Elsewhere' -ImageUrl 'https://example.com/elsewhere-1920x1080.png'").ThrowIfTerminated();
        Assert.NotEmpty(Complete(s, "Get-ArgilAvatar -Name Sandbox").CompletionMatches);
        Assert.Equal(before, s.Sandbox.Journal.Count);
        // On the connection that created it, the new avatar completes at once.
        Assert.Contains("'Elsewhere'", Complete(other, "Get-ArgilAvatar -Name Else").CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void EnumLikeParametersCompleteTheirValues()
    {
        using var s = new SandboxHost();
        Assert.Equal(new[] { "ASPECT_RATIO_16_9", "ASPECT_RATIO_9_16" },
            Complete(s, "Get-ArgilAvatar -Orientation ").CompletionMatches.Select(m => m.CompletionText));
        Assert.Contains("Manual", Complete(s, "Set-ArgilSandbox -TimeMode ").CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void AnUnreachableServiceGivesNoSuggestionsAndNoError()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new ArgilPS.Sandbox.SandboxFault { Method = "GET", Path = "/avatars", StatusCode = 500, Count = 100 });
        var r = s.Run("TabExpansion2 -inputScript 'Get-ArgilAvatar -Id ' -cursorColumn 20");
        Assert.Empty(r.Errors);
        Assert.Empty(((CommandCompletion)r.Output.Single().BaseObject).CompletionMatches);
    }

    // Names and ids a hostile or careless service could send: every character PowerShell reads as
    // a single quote (' ‘ ’ ‚ ‛), subexpressions, backticks, double quotes, statement separators,
    // newlines, control characters, leading dashes that would bind as parameters, wildcards.
    public static TheoryData<string> HostileTexts => new()
    {
        "Team\u2019; Set-Content ./PWNED.txt injected; \u2018",
        "Te'st",
        "Te\u2018st",
        "Te\u2019st",
        "Te\u201Ast",
        "Te\u201Bst",
        "Te'\u2018\u2019\u201A\u201B'",
        "Te$(Set-Content ./PWNED.txt injected)",
        "Te`$(Set-Content ./PWNED.txt injected)`",
        "Te\"st\" $(1) \u201Cquoted\u201D",
        "Te\nSet-Content ./PWNED.txt injected",
        "Te\r\n; Set-Content ./PWNED.txt injected #",
        "Te\u001b[2J\u0007\b\u009b",
        "Te[st]*?",
        "Te --% stop",
        "Te",
        "-Debug",
        "-Name",
        "--",
        "--%",
    };

    private static string ListOf(params (string Id, string Name)[] avatars)
    {
        using var stream = new System.IO.MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var (id, name) in avatars)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("name", name);
                json.WriteString("status", "IDLE");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The service answers every list with exactly these avatars.</summary>
    private static void ServeList(SandboxHost s, params (string Id, string Name)[] avatars) =>
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars", StatusCode = 200, Body = ListOf(avatars), Count = 1000 });

    /// <summary>
    /// Applies the one completion Tab would insert, parses the line as PowerShell would when Enter
    /// is pressed, and returns the single argument of the single command it must be.
    /// </summary>
    private static string CompleteToTheOnlyArgument(SandboxHost s, string input, string parameter)
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
        var command = Assert.IsType<CommandAst>(Assert.Single(pipeline.PipelineElements));
        Assert.Equal(3, command.CommandElements.Count);
        Assert.Equal("Get-ArgilAvatar", command.GetCommandName());
        Assert.Equal(parameter, Assert.IsType<CommandParameterAst>(command.CommandElements[1]).ParameterName);
        return Assert.IsType<StringConstantExpressionAst>(command.CommandElements[2]).Value;
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void ACompletedNameIsExactlyOneArgumentThatFindsThatAvatar(string name)
    {
        using var s = new SandboxHost();
        ServeList(s, ("3c90c3cc-0d44-4b50-8888-8dd25736052a", name), ("6a1b8c2e-0000-4b50-8888-8dd25736052b", ""));
        var typed = name.StartsWith("Te", System.StringComparison.Ordinal) ? "Te" : "";
        var value = CompleteToTheOnlyArgument(s, "Get-ArgilAvatar -Name " + typed, "Name");
        // -Name takes wildcards, so the name comes escaped for them, and finds exactly itself.
        Assert.Equal(WildcardPattern.Escape(name), value);
        var found = s.Host.Run("Get-ArgilAvatar -Name $completed", new Dictionary<string, object?> { ["completed"] = value });
        Assert.Empty(found.Errors);
        Assert.Equal(name, Assert.Single(found.Objects<Avatar>()).Name);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void ACompletedIdIsExactlyOneArgumentEqualToTheId(string id)
    {
        using var s = new SandboxHost();
        ServeList(s, (id, "")); // and no name to show
        Assert.Equal(id, CompleteToTheOnlyArgument(s, "Get-ArgilAvatar -Id ", "Id"));
    }

    [Fact]
    public void PressingEnterOnTheCompletedLineRunsNothingButTheCommand()
    {
        // The issue's example, created through the module like any avatar, completed and run as typed.
        const string name = "Team\u2019; Set-Content ./PWNED.txt injected; \u2018";
        using var s = new SandboxHost();
        var folder = System.IO.Directory.CreateTempSubdirectory("argilps-completion-").FullName;
        try
        {
            s.Host.Run("New-ArgilAvatar -Name $n -ImageUrl 'https://example.com/team.png' | Out-Null; Set-Location -LiteralPath $folder",
                new Dictionary<string, object?> { ["n"] = name, ["folder"] = folder }).ThrowIfTerminated();
            const string input = "Get-ArgilAvatar -Name Te";
            var completion = Complete(s, input);
            var match = Assert.Single(completion.CompletionMatches);
            var line = input.Substring(0, completion.ReplacementIndex) + match.CompletionText + input.Substring(completion.ReplacementIndex + completion.ReplacementLength);
            var r = s.Run(line);
            Assert.Empty(r.Errors);
            Assert.Equal(name, Assert.Single(r.Objects<Avatar>()).Name);
            Assert.Empty(System.IO.Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            s.Run("Set-Location -LiteralPath ([IO.Path]::GetTempPath())");
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheSharedQuotingAlwaysQuotesAndDoublesEveryQuoteCharacter()
    {
        foreach (var quote in new[] { '\'', '\u2018', '\u2019', '\u201A', '\u201B' })
        {
            Assert.Equal($"'a{quote}{quote}b'", ArgilPS.Commands.ArgumentCompletion.Quote($"a{quote}b"));
            // The engine's own escaping (PowerShell 7.6 here) already covers every one of them.
            Assert.Equal($"a{quote}{quote}b", CodeGeneration.EscapeSingleQuotedStringContent($"a{quote}b"));
        }
        Assert.Equal("'plain'", ArgilPS.Commands.ArgumentCompletion.Quote("plain"));
        Assert.Equal("''", ArgilPS.Commands.ArgumentCompletion.Quote(""));
    }
}

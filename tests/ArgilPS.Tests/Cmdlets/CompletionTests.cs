using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Cmdlets;

public class CompletionTests
{
    private static CommandCompletion Complete(SandboxHost s, string input) =>
        (CommandCompletion)s.Run($"TabExpansion2 -inputScript '{input.Replace("'", "''")}' -cursorColumn {input.Length}").Output.Single().BaseObject;

    [Fact]
    public void IdCompletesAvatarIdsShowingTheirNames()
    {
        using var s = new SandboxHost();
        var id = s.CreateAvatar("Zebra presenter");
        var matches = Complete(s, "Get-ArgilAvatar -Id ").CompletionMatches;
        Assert.Equal(4, matches.Count);
        var zebra = Assert.Single(matches, m => m.CompletionText == id);
        Assert.Equal($"{id} (Zebra presenter)", zebra.ListItemText);
        Assert.Equal(id, Assert.Single(Complete(s, $"Wait-ArgilAvatar -Id {id.Substring(0, 8)}").CompletionMatches).CompletionText);
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
}

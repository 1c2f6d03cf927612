using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// Control characters a hostile service puts in ids, names, statuses, extras and error messages
/// (ESC sequences that clear the screen, set the window title or forge a table row; CR, BEL,
/// backspace, the one-character CSI U+009B) are shown visibly, never sent to the terminal; the
/// objects keep the service's values.
/// </summary>
public class TerminalEscapeTests
{
    private const string Hostile = "Evil\u001b[2J\u001b]0;title\u0007\rFAKE ROW\b\u009b1A\u007f";

    private static string AvatarJson() =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "id-" + Hostile,
            ["name"] = Hostile,
            ["status"] = "IDLE" + Hostile,
            ["model"] = "ARGIL_V1" + Hostile,
            ["orientation"] = "ASPECT_RATIO" + Hostile,
            ["actorName"] = Hostile,
            ["thumbnailUrl"] = "https://example.com/" + Hostile,
            ["extras"] = new Dictionary<string, string> { ["note"] = Hostile },
            ["gestures"] = new[] { new Dictionary<string, string> { ["label"] = Hostile, ["slug"] = "slug" + Hostile } },
        });

    private static void AssertNoControlCharacter(string text) =>
        Assert.True(!text.Any(c => char.IsControl(c) && c is not '\n' and not '\r'), "control character shown in:\n" + text.Replace("\u001b", "<ESC>"));

    [Fact]
    public void ViewsShowControlCharactersVisiblyAndTheObjectKeepsItsValues()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars", StatusCode = 200, Body = "[" + AvatarJson() + "]", Count = 10 });
        var r = s.Run(@"
$avatar = Get-ArgilAvatar
$avatar.Name
'---'
$avatar | Out-String -Width 300
$avatar | Format-Table | Out-String -Width 300
$avatar | Format-List | Out-String -Width 300
");
        Assert.Empty(r.Errors);
        Assert.Equal(Hostile, r.Output[0].BaseObject); // the object keeps the raw value
        var shown = string.Join("\n", r.Output.Skip(2).Select(o => o.ToString()));
        // Line breaks between rows are the formatter's; none come from the data: its CR is ␍.
        Assert.DoesNotContain("\r", shown.Replace("\r\n", "\n"));
        AssertNoControlCharacter(shown);
        Assert.Contains("Evil␛[2J␛]0;title␇␍FAKE ROW␈\\u009B1A␡", shown);
        var list = r.Output.Last().ToString()!;
        foreach (var label in new[] { "Id", "Name", "ActorName", "Status", "Orientation", "Model", "ThumbnailUrl", "Gestures", "Extras" })
            Assert.Matches($"(?m)^{label} +: .*␛", list);
        // The table keeps its headers.
        Assert.Matches(@"Id\s+Name\s+Status\s+Model\s+Orientation\s+CreatedAt", r.Output[2].ToString());
    }

    [Fact]
    public void AnApiErrorMessageWithEscapesReachesTheErrorRecordMadeVisible()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/*", StatusCode = 400,
            Body = System.Text.Json.JsonSerializer.Serialize(new { code = 400, message = "Bad id " + Hostile }),
        });
        var r = s.Run("Get-ArgilAvatar -Id some-id");
        var error = Assert.Single(r.Errors);
        var exception = Assert.IsType<ArgilApiException>(error.Exception);
        foreach (var text in new[] { error.ErrorDetails.Message, exception.Message, exception.ApiMessage!, error.ToString(), error.CategoryInfo.ToString() })
        {
            AssertNoControlCharacter(text);
            Assert.DoesNotContain("\r", text);
        }
        Assert.Equal("Bad id Evil␛[2J␛]0;title␇␍FAKE ROW␈\\u009B1A␡", exception.ApiMessage);
    }

    [Fact]
    public void WaitMessagesAndProgressShowAHostileNameAndStatusVisibly()
    {
        using var s = new SandboxHost();
        var json = AvatarJson().Replace("\"status\":\"IDLE", "\"status\":\"TRAINING");
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/*", StatusCode = 200, Body = json, Count = 10 });
        var r = s.Run("Wait-ArgilAvatar -Id some-id -Timeout 5");
        var error = Assert.Single(r.Errors);
        Assert.Equal("AvatarWaitTimeout,ArgilPS.Commands.WaitArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(Hostile, Assert.IsType<Avatar>(error.TargetObject).Name); // the target keeps its data
        foreach (var text in new[] { error.ErrorDetails.Message, error.Exception.Message, error.ToString(), error.CategoryInfo.ToString() })
            AssertNoControlCharacter(text.Replace("\r", "\u0001"));
        Assert.Contains("Evil␛[2J", error.ErrorDetails.Message);
        foreach (var p in r.Progress) AssertNoControlCharacter(p.StatusDescription + p.Activity);
    }

    [Fact]
    public void TheSanitiserMakesEveryC0AndC1CharacterVisibleAndLeavesOtherTextAlone()
    {
        var all = new string(Enumerable.Range(0, 0xA0).Select(i => (char)i).ToArray());
        var shown = DisplayText.Of(all);
        Assert.DoesNotContain(shown, char.IsControl);
        Assert.Equal("␀␁␂␃␄␅␆␇␈␉␊␋␌␍␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟", shown.Substring(0, 32));
        Assert.Equal("\\u009B", DisplayText.Of("\u009b"));
        const string plain = "Jane Doe – Ünïcödé ✓";
        Assert.Same(plain, DisplayText.Of(plain));
        Assert.Equal("", DisplayText.Of(null));
    }

    [Fact]
    public void CharactersThatReorderOrBreakARowAreShownAsEscapes()
    {
        // "evil\u202Etxt.exe" would show as "evilexe.txt"; separators would break a table row.
        foreach (var c in new[] { '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u2028', '\u2029' })
            Assert.Equal($"a\\u{(int)c:X4}b", DisplayText.Of($"a{c}b"));
        const string emoji = "Team 👩‍💻 ✓";
        Assert.Same(emoji, DisplayText.Of(emoji));
    }
}

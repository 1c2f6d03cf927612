using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>
/// Format-List of the types that came with videos, subtitles and webhooks shows the control
/// characters a hostile server (or, for a webhook event, anyone who can POST to a receiver) puts
/// in their texts visibly, as the avatar views do: the default list view would send them to the terminal.
/// </summary>
public sealed class ListViewEscapeTests
{
    private const string Hostile = "Evil\u001b[2J\u001b]0;title\u0007\rFAKE\b\u009b1A\u202E";

    private static void AssertShownSafely(string shown, params string[] labels)
    {
        Assert.True(!shown.Any(c => char.IsControl(c) && c is not '\n' and not '\r') && !shown.Contains('\u202E'),
            "control character shown in:\n" + shown.Replace("\u001b", "<ESC>"));
        Assert.DoesNotContain("\r", shown.Replace("\r\n", "\n"));
        foreach (var label in labels) Assert.Matches($"(?m)^{label} +: .*␛", shown);
    }

    [Fact]
    public void AWebhookEventFromAnyoneIsListedWithItsControlCharactersVisible()
    {
        using var host = new PowerShellHost();
        var body = JsonSerializer.Serialize(new
        {
            @event = "VIDEO_GENERATION_SUCCESS",
            data = new { videoId = "v" + Hostile, videoName = Hostile, videoUrl = "https://e.com/" + Hostile, extras = new Dictionary<string, string> { ["k"] = Hostile } },
        });
        var r = host.Run("$body | ConvertFrom-ArgilWebhookEvent | Format-List | Out-String -Width 300", new Dictionary<string, object?> { ["body"] = body });
        Assert.Empty(r.Errors);
        AssertShownSafely(string.Concat(r.Output.Select(o => o.ToString())), "VideoId", "VideoName", "VideoUrl", "Extras", "Id");
    }

    [Fact]
    public void WebhooksSubtitleStylesAndMomentsFromTheServerAreListedWithTheirControlCharactersVisible()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/webhooks", StatusCode = 200, Count = 10,
            Body = JsonSerializer.Serialize(new[] { new { id = "w" + Hostile, callbackUrl = "https://e.com/" + Hostile, events = new[] { "VIDEO_GENERATION_SUCCESS" + Hostile } } }),
        });
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/subtitles", StatusCode = 200, Count = 10,
            Body = JsonSerializer.Serialize(new { items = new[] { new { id = "s" + Hostile, name = Hostile } }, totalItems = 1, totalPages = 1, currentPage = 1, itemsPerPage = 100 }),
        });
        s.Sandbox.AddFault(new SandboxFault
        {
            Kind = SandboxFaultKind.Body, Method = "GET", Path = "/videos/v1", StatusCode = 200, Count = 10,
            Body = JsonSerializer.Serialize(new { id = "v1", name = "n", status = "DONE", moments = new[] { new { transcript = Hostile, avatarId = "a" + Hostile, voiceId = "vo" + Hostile, gestureSlug = "g" + Hostile } } }),
        });

        var r = s.Run("Get-ArgilWebhook | Format-List | Out-String -Width 300");
        Assert.Empty(r.Errors);
        AssertShownSafely(string.Concat(r.Output.Select(o => o.ToString())), "Id", "CallbackUrl", "Events");

        r = s.Run("Get-ArgilSubtitleStyle | Format-List | Out-String -Width 300");
        Assert.Empty(r.Errors);
        AssertShownSafely(string.Concat(r.Output.Select(o => o.ToString())), "Id", "Name");

        r = s.Run("(Get-ArgilVideo -Id v1).Moments | Format-List | Out-String -Width 300");
        Assert.Empty(r.Errors);
        AssertShownSafely(string.Concat(r.Output.Select(o => o.ToString())), "Transcript", "AvatarId", "VoiceId", "GestureSlug");
    }
}

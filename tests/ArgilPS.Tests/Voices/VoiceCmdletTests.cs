using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Voices;

/// <summary>What users see of voices: the views with hostile text from the service, and the key never echoed.</summary>
public class VoiceCmdletTests
{
    private const string Hostile = "Emma\u001b[2J\u001b]0;owned\u0007\r\nforged row";

    [Fact]
    public void TheViewsShowControlCharactersFromTheServiceAsVisibleSymbolsAndTheObjectsKeepThem()
    {
        using var s = new SandboxHost();
        // Escaped in the JSON, as a server must send control characters.
        var voice = "{\"id\":\"v1\\u001b[31m\",\"name\":\"" + System.Text.Json.JsonEncodedText.Encode(Hostile) + "\",\"status\":\"IDLE\\u0007\",\"language\":\"FR\\u009b\",\"gender\":null}";
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/voices", StatusCode = 200, Body = "[" + voice + "]", Count = 10 });
        var sync = "[{\"id\":\"c1\\u001b[2J\",\"providerName\":\"MINIMAX\",\"connectionName\":\"" + System.Text.Json.JsonEncodedText.Encode(Hostile) + "\",\"syncStatus\":\"SYNCING\"}]";
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "POST", Path = "/voices/sync", StatusCode = 200, Body = sync, Count = 10 });

        var r = s.Run("$v = Get-ArgilVoice; $v | Format-Table | Out-String -Width 200; $v | Format-List | Out-String -Width 200; Sync-ArgilVoice | Format-Table | Out-String -Width 200; Sync-ArgilVoice | Format-List | Out-String -Width 200; $v.Name");
        Assert.Empty(r.Errors);
        var shown = string.Concat(r.Output.Take(4).Select(o => o.ToString()));
        Assert.DoesNotContain(shown, c => c is '\u001b' or '\u0007' or '\u009b' or '\r');
        Assert.Contains("Emma␛[2J", shown);
        Assert.Contains("SYNCING", shown);
        Assert.Equal(Hostile, r.Output[4].ToString());
    }

    [Fact]
    public void AKeyPastedAsAnIdOrANameIsMaskedInErrorsAndInTheJournal()
    {
        using var s = new SandboxHost();
        var r = s.Host.Run("Get-ArgilVoice -Id $k -ErrorVariable e1 -ErrorAction SilentlyContinue; Get-ArgilVoice -Name $k -ErrorVariable e2 -ErrorAction SilentlyContinue; " +
            "New-ArgilVoice -Name $k -AudioUrl 'https://e.example/a.mp3' -WhatIf; $e1 + $e2 | ForEach-Object { $_.Exception.Message; $_.TargetObject; $_.ErrorDetails.Message }",
            new Dictionary<string, object?> { ["k"] = s.ApiKey });
        Assert.NotEmpty(r.Output);
        Assert.DoesNotContain(s.ApiKey, r.AllText());
        Assert.DoesNotContain(s.Sandbox.Journal, j => (j.Path + j.Query + j.Body).Contains(s.ApiKey));
        Assert.Contains(r.Output, o => o?.ToString()?.StartsWith("No voice with id '", System.StringComparison.Ordinal) == true);
        Assert.Contains(r.Output, o => o?.ToString()?.StartsWith("No voice is named '", System.StringComparison.Ordinal) == true);
    }
}

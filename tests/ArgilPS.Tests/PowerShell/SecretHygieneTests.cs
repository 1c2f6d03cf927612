using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>The key appears in no stream, error, progress or formatted output, on success or failure.</summary>
public class SecretHygieneTests
{
    private const string Key = "argil_live_Zq8XkEYSECRET_0123456789abcdef";

    [Fact]
    public void EveryCmdletWithVerboseAndDebugNeverShowsTheKey()
    {
        using var host = new PowerShellHost();
        host.Run($"Connect-Argil -Sandbox -ApiKey (ConvertTo-SecureString '{Key}' -AsPlainText -Force) -SandboxTimeMode Manual -Scope Runspace -MaximumRetryCount 1 -Verbose -Debug").ThrowIfTerminated();
        var sandbox = ArgilPS.Session.SessionStore.Connected(host.Runspace)!.Sandbox!;
        Assert.Equal(Key, sandbox.ApiKey);
        var image = TestImages.WriteTemp(TestImages.Png(1920, 1080), ".png");
        var failedId = System.Text.Json.JsonDocument.Parse(sandbox.Avatars.Create(
            "{\"type\":\"IMAGE\",\"name\":\"bad\",\"datasetImage\":{\"url\":\"https://e.com/x.png\"},\"extras\":{\"sandbox-outcome\":\"TRAINING_FAILED\"}}").Body)
            .RootElement.GetProperty("id").GetString();
        // The service echoes the key back in an error page, in a JSON field and in a header-like line.
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/echo1", StatusCode = 502,
            ContentType = "text/html", Body = $"<html><body>Bad gateway for x-api-key: {Key}</body></html>", Count = 10 });
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/echo2", StatusCode = 400,
            Body = $"{{\"code\":400,\"message\":\"key {Key} is not valid here\",\"apiKey\":\"{Key}\"}}" });
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/echo3", StatusCode = 200,
            Body = $"{{\"id\":\"x\",\"name\":\"{Key}\"" });
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Status, Method = "GET", Path = "/avatars", StatusCode = 429, RetryAfter = "1", Count = 2 });
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Drop, Method = "GET", Path = "/avatars/drop", Count = 10 });

        var r = host.Run($@"
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
Get-ArgilContext | Out-String
Get-ArgilContext | Format-List * | Out-String
Get-ArgilAvatar -Verbose -Debug
Get-ArgilAvatar -Id missing, echo1, echo2, echo3, drop -Verbose -Debug
Get-ArgilAvatar -Id '{Key}' -Verbose -Debug               # the key pasted as an id by mistake
Wait-ArgilAvatar -Id '{Key}' -Timeout 0 -Verbose -Debug
$a = New-ArgilAvatar -Name 'Sweep' -ImageUrl 'https://example.com/s.png' -Extras @{{ note = 'hello' }} -Verbose -Debug
New-ArgilAvatar -Name 'Local' -ImagePath '{image}' -Verbose -Debug
New-ArgilAvatar -Name 'Nope' -ImageUrl 'http://example.com/s.png' -Verbose -Debug
New-ArgilAvatar -Name 'Refused by API' -ImageUrl 'https://example.com/s.png' -Extras @{{ 'sandbox-outcome' = 'BOGUS' }} -Verbose -Debug
$a, '{failedId}' | Wait-ArgilAvatar -PollingInterval 10 -Verbose -Debug
Invoke-ArgilRestMethod -Path /avatars -Query @{{ visibility = 'private' }} -Verbose -Debug
Invoke-ArgilRestMethod -Method POST -Path /avatars -Body @{{ type = 'IMAGE'; name = 'Raw'; datasetImage = @{{ url = 'https://e.com/r.png' }} }} -Verbose -Debug
Invoke-ArgilRestMethod -Path /nothing-here -Verbose -Debug
Add-ArgilSandboxFault -Kind Status -StatusCode 503 -Path /avatars/none -PassThru -Verbose -Debug | Out-String
Get-ArgilSandboxRequest -Verbose -Debug | Format-List * | Out-String
Set-ArgilSandbox -TrainingSeconds 20 -PassThru -Verbose -Debug | Out-String
Clear-ArgilSandboxFault -Verbose -Debug
Clear-ArgilSandboxRequest -Verbose -Debug
Get-Help Connect-Argil -Full | Out-String | Out-Null
Disconnect-Argil -Verbose -Debug
Get-ArgilAvatar -Verbose -Debug
$Error | ForEach-Object {{ $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }}
");
        try
        {
            Assert.Null(r.Terminating);
            Assert.NotEmpty(r.Verbose);
            Assert.NotEmpty(r.Debug);
            Assert.True(r.Errors.Count >= 6, "the failure paths ran: " + r.Errors.Count);
            Assert.Contains(r.Debug, d => d.Contains("x-api-key: ***"));
            Assert.Contains(r.Debug, d => d.Contains("data:image/png;base64,…("));
            var all = r.AllText() + string.Join("\n", r.Errors.Select(e => e.Exception.ToString()));
            Assert.DoesNotContain(Key, all);
            Assert.DoesNotContain(Key.Substring(0, 20), all);
            Assert.DoesNotContain(sandbox.Journal, j => j.Body.Contains(Key) || j.KeyCheck.Contains(Key));
        }
        finally
        {
            System.IO.File.Delete(image);
        }
    }
}

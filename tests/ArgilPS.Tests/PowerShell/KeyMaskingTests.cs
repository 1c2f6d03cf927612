using System;
using System.Collections.Generic;
using System.Linq;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// A key pasted by mistake where an id, a name, a path or a query belongs never shows, in any of
/// the forms it takes on the way (percent-encoded in paths and queries, JSON-escaped in bodies),
/// in any stream, error, $Error, Export-Clixml, ConvertTo-Json or the sandbox's journal.
/// </summary>
public class KeyMaskingTests
{
    // '+', '/' and '=' are what percent-encoding and JSON escaping change.
    private const string Key = "argil+Zq8/Xk=SECRET+0123/abc==";

    private static IEnumerable<string> FormsOfTheKey()
    {
        var upper = Uri.EscapeDataString(Key);
        yield return Key;
        yield return upper;
        yield return System.Text.RegularExpressions.Regex.Replace(upper, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());
        yield return Key.Replace("+", "\\u002B").Replace("/", "\\/");
        yield return "SECRET"; // any form at all
    }

    public static TheoryData<string, string> Leaks => new()
    {
        { "verbose lines", "Get-ArgilAvatar -Id $key -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String" },
        { "ArgilApiException.Path", "Get-ArgilAvatar -Id $key -ErrorAction SilentlyContinue; $Error[0].Exception.Path" },
        { "the sandbox journal", "Invoke-ArgilRestMethod -Path /avatars -Query @{ q = $key } -ErrorAction SilentlyContinue | Out-Null; Get-ArgilSandboxRequest | Select-Object -Last 1 | ForEach-Object { $_.Query }" },
        { "the journal of a body", "Invoke-ArgilRestMethod -Method POST -Path /avatars -Body @{ name = $key } -ErrorAction SilentlyContinue | Out-Null; Get-ArgilSandboxRequest | Select-Object -Last 1 | ForEach-Object { $_.Body }" },
        { "Get-ArgilAvatar -Name <key>", "Get-ArgilAvatar -Name $key -ErrorAction SilentlyContinue; $Error[0].ErrorDetails.Message; $Error[0].Exception.Message; $Error[0].TargetObject" },
        { "InvalidPath", "Invoke-ArgilRestMethod -Path \"https://example.com/$key\" -ErrorAction SilentlyContinue; $Error[0].Exception.Message; $Error[0].TargetObject" },
        { "ShouldProcess target", "New-ArgilAvatar -Name $key -ImageUrl 'https://example.com/a.png' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String" },
        { "ShouldProcess target of a query", "Invoke-ArgilRestMethod -Method POST -Path /avatars -Query @{ q = $key } -Body '{}' -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String" },
        { "-ImagePath error", "New-ArgilAvatar -Name x -ImagePath (Join-Path ([IO.Path]::GetTempPath()) \"$key.png\") -ErrorAction SilentlyContinue; $Error[0].Exception.Message" },
        { "JSON-parse error", "Add-ArgilSandboxFault -Kind MalformedJson -Method GET -Path /avatars; Invoke-ArgilRestMethod -Path /avatars -Query @{ q = $key } -ErrorAction SilentlyContinue; $Error[0].Exception.Message; $Error[0].Exception.Path" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void APastedKeyIsMaskedIn(string where, string script)
    {
        var host = new PowerShellHost();
        host.Run("Connect-Argil -Sandbox -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -SandboxTimeMode Manual -Scope Runspace",
            new Dictionary<string, object?> { ["key"] = Key }).ThrowIfTerminated();
        var sandbox = ArgilPS.Session.SessionStore.Connected(host.Runspace)!.Sandbox!;
        Assert.Equal(Key, sandbox.ApiKey);
        try
        {
            var shown = host.Run(script);
            Assert.Null(shown.Terminating);
            var text = string.Join("\n", shown.Output.Select(o => o?.ToString()));
            Assert.True(text.Contains("***"), $"{where}: the key should show masked in: {text}");

            // Everything a user could see or keep of it afterwards.
            var kept = host.Run(@"
$file = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString() + '.xml')
$Error | Export-Clixml -Path $file -Depth 3
Get-Content -Raw $file; Remove-Item $file
$Error | ForEach-Object { $_ | Select-Object * -ExcludeProperty InvocationInfo | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue }
$Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String; $_.ToString() }
Get-ArgilSandboxRequest | Format-List * | Out-String
");
            var everything = shown.AllText() + kept.AllText() + string.Join("\n", sandbox.Journal.Select(j => $"{j.Path}?{j.Query} {j.Body} {j.Fault}"));
            foreach (var form in FormsOfTheKey()) Assert.False(everything.Contains(form), $"{where}: '{form}' shows in:\n{everything}");
        }
        finally
        {
            host.Run("Disconnect-Argil");
            host.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>
/// What the cmdlets refuse before any request (keys that are not header values, credentials in the
/// base URI, dot-segment ids, unsafe paths) and how Invoke-ArgilRestMethod reads what comes back.
/// These tests touch the environment and the Process-scope connection, so they run alone.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class WireRulesCmdletTests : CleanArgilEnvironment
{
    private const string KeyBody = "argil-live-key-SECRET-7f3a";

    public static IEnumerable<object[]> UnusableKeys()
    {
        foreach (var how in new[] { "ApiKey", "Credential", "Sandbox" })
        {
            yield return new object[] { how, KeyBody + "\r\nX-Injected: 1", "a line break (U+000D) at position 27" };
            yield return new object[] { how, KeyBody + "\u2026", "a character outside ASCII (U+2026) at position 27" };
            yield return new object[] { how, "argil\u00A0" + KeyBody, "a space (U+00A0) at position 6" };
            yield return new object[] { how, "argil " + KeyBody, "a space (U+0020) at position 6" };
            yield return new object[] { how, KeyBody + "\u0007", "a control character (U+0007) at position 27" };
        }
    }

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public void AKeyThatIsNotAHeaderValueIsRefusedAtConnectNamingWhereItCameFrom(string how, string key, string rule)
    {
        using var host = new PowerShellHost();
        var command = how switch
        {
            "ApiKey" => "Connect-Argil -ApiKey $secure",
            "Credential" => "Connect-Argil -Credential ([pscredential]::new('user', $secure))",
            _ => "Connect-Argil -Sandbox -ApiKey $secure",
        };
        var r = host.Run("$secure = ConvertTo-SecureString $plain -AsPlainText -Force; " + command, new Dictionary<string, object?> { ["plain"] = key });

        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidApiKey,ArgilPS.Commands.ConnectArgilCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(how == "Credential" ? "the password of -Credential" : "-ApiKey", error.ToString());
        Assert.Contains(rule, error.ToString());
        Assert.DoesNotContain(KeyBody, r.AllText() + error.Exception.Message + error.ErrorDetails?.RecommendedAction);
        Assert.Empty(host.Run("Get-ArgilContext").Output);
    }

    [Fact]
    public void AKeyWithSurroundingWhiteSpaceIsTrimmedAndAccepted()
    {
        using var host = new PowerShellHost();
        var r = host.Run("Connect-Argil -ApiKey (ConvertTo-SecureString $plain -AsPlainText -Force) -PassThru",
            new Dictionary<string, object?> { ["plain"] = " \t" + KeyBody + "\r\n" });
        Assert.Empty(r.Errors);
        Assert.Equal("…7f3a", r.Objects<ArgilContext>().Single().KeyFingerprint);
    }

    [Fact]
    public void AnUnusableKeyInTheEnvironmentIsAConfigurationErrorAndNothingIsSent()
    {
        using var sandbox = SandboxServer.Start(apiKey: KeyBody);
        Environment.SetEnvironmentVariable("ARGIL_API_KEY", KeyBody + "\u2026");
        Environment.SetEnvironmentVariable("ARGIL_BASE_URI", sandbox.BaseUri.ToString());
        using var host = new PowerShellHost();

        var r = host.Run("Get-ArgilAvatar");

        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidConfiguration,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Contains("The environment variable ARGIL_API_KEY is not a usable API key: it contains a character outside ASCII (U+2026)", error.ToString());
        Assert.DoesNotContain(KeyBody, r.AllText() + error.Exception.Message);
        Assert.Empty(sandbox.Journal);
    }

    [Theory]
    [InlineData("https://user:Pa55word-x9@api.example.com/v1")]
    [InlineData("https://Pa55word-x9@api.example.com/v1")]
    [InlineData("http://user:Pa55word-x9@127.0.0.1:9/v1")]
    public void UserInfoInTheBaseUriIsRefusedWithoutRepeatingIt(string uri)
    {
        using var host = new PowerShellHost();
        var r = host.Run($"Connect-Argil -ApiKey (ConvertTo-SecureString '{KeyBody}' -AsPlainText -Force) -BaseUri '{uri}'");

        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("must not contain a user name or password", error.ToString());
        Assert.DoesNotContain("Pa55word", error.ToString() + error.Exception.Message);
        Assert.Empty(host.Run("Get-ArgilContext").Output);

        Environment.SetEnvironmentVariable("ARGIL_API_KEY", KeyBody);
        Environment.SetEnvironmentVariable("ARGIL_BASE_URI", uri);
        var fromEnvironment = host.Run("Get-ArgilAvatar");
        var envError = Assert.Single(fromEnvironment.Errors);
        Assert.Equal("InvalidConfiguration,ArgilPS.Commands.GetArgilAvatarCommand", envError.FullyQualifiedErrorId);
        Assert.Contains("The environment variable ARGIL_BASE_URI is not usable: it must not contain a user name or password", envError.ToString());
        Assert.DoesNotContain("Pa55word", fromEnvironment.AllText() + envError.Exception.Message);
    }

    [Theory]
    [InlineData("Get-ArgilAvatar -Id '.'")]
    [InlineData("Get-ArgilAvatar -Id '..'")]
    [InlineData("Get-ArgilAvatar -Id '%2e%2E'")]
    [InlineData("'..' | Wait-ArgilAvatar -Timeout 5")]
    [InlineData("Get-ArgilAvatar -Id '   '")]
    [InlineData("Get-ArgilVideo -Id ' '")]
    [InlineData("Get-ArgilVoice -Id \"`t\"")]
    [InlineData("Get-ArgilAsset -Id '  '")]
    public void DotSegmentIdsAreRefusedBeforeAnyRequest(string command)
    {
        using var s = new SandboxHost();
        var r = s.Run(command + " -ErrorAction SilentlyContinue -ErrorVariable failed; $failed");

        var error = Assert.Single(r.Objects<ErrorRecord>());
        Assert.Equal("InvalidRequest", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("an id cannot be empty, blank, '.' or '..'", error.ToString());
        Assert.Empty(s.Sandbox.Journal);
    }

    [Theory]
    [InlineData("avatars?since=2026-01-01T10:00:00Z")]
    [InlineData("/avatars?since=2026-01-01T10:00:00Z")]
    public void AColonInTheQueryOfAPathIsAccepted(string path)
    {
        using var s = new SandboxHost();
        var r = s.Run($"Invoke-ArgilRestMethod -Path '{path}'");

        Assert.Empty(r.Errors);
        var request = Assert.Single(s.Sandbox.Journal);
        Assert.Equal("/avatars", request.Path);
        Assert.Equal("since=2026-01-01T10:00:00Z", Uri.UnescapeDataString(request.Query));
    }

    [Theory]
    [InlineData("avatars/../../x")]
    [InlineData("avatars/%2e%2e/x")]
    [InlineData("./avatars")]
    [InlineData("http:avatars")]
    [InlineData("avatars/x?a=b c")]
    public void UnsafePathsAreInvalidPathBeforeAnyRequest(string path)
    {
        using var s = new SandboxHost();
        var r = s.Run($"Invoke-ArgilRestMethod -Path '{path}' -ErrorAction SilentlyContinue -ErrorVariable failed; $failed");

        var error = Assert.Single(r.Objects<ErrorRecord>());
        Assert.Equal("InvalidPath,ArgilPS.Commands.InvokeArgilRestMethodCommand", error.FullyQualifiedErrorId);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Fact]
    public void TextWithAContentTypeThatIsNotJsonIsOutputAsTextWhateverItStartsWith()
    {
        const string ass = "[Script Info]\nTitle: Demo\nScriptType: v4.00+\n\n[Events]\nDialogue: 0,0:00:00.00,0:00:02.00,Default,,0,0,0,,Hello";
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", Kind = SandboxFaultKind.Body, StatusCode = 200, Body = ass, ContentType = "text/x-ass; charset=utf-8" });
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", Kind = SandboxFaultKind.Body, StatusCode = 200, Body = "{\"a\":1}", ContentType = "text/plain" });
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", Kind = SandboxFaultKind.Body, StatusCode = 200, Body = "{\"title\":\"x\",\"status\":200}", ContentType = "application/problem+json" });

        var r = s.Run("Invoke-ArgilRestMethod /avatars; Invoke-ArgilRestMethod /avatars; Invoke-ArgilRestMethod /avatars");

        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Output.Count);
        Assert.Equal(ass, r.Output[0].BaseObject);
        Assert.Equal("{\"a\":1}", r.Output[1].BaseObject);
        Assert.Equal("x", r.Output[2].Properties["title"].Value);
    }

    [Fact]
    public void ARedirectErrorSaysWhereItPointedAndThatItWasNotFollowed()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Method = "GET", Path = "/avatars", Kind = SandboxFaultKind.Body, StatusCode = 301, Body = "", ContentType = "text/plain" });

        var r = s.Run("Invoke-ArgilRestMethod /avatars -ErrorAction SilentlyContinue -ErrorVariable failed; $failed");

        var error = Assert.Single(r.Objects<ErrorRecord>());
        Assert.Equal("HttpError,ArgilPS.Commands.InvokeArgilRestMethodCommand", error.FullyQualifiedErrorId);
        Assert.Contains("GET /avatars failed with HTTP 301: it was a redirect, without a Location; ArgilPS never follows redirects, because the API key must not leave", error.ToString());
    }
}

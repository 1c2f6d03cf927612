using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>Defects found in review, each pinned by the behaviour a user saw.</summary>
public class ReviewRegressionTests
{
    [Theory]
    [InlineData("/ //evil.example/x")]
    [InlineData("\t//evil.example/x")]
    [InlineData("http:evil.example")]
    [InlineData("//evil.example/x")]
    [InlineData("/../../x")]
    public void InvokeNeverSendsTheKeyAnywhereButTheBaseUri(string path)
    {
        using var s = new SandboxHost();
        var r = s.Run($"Invoke-ArgilRestMethod -Path \"{path.Replace("\t", "`t")}\"");
        Assert.Null(r.Terminating);
        var error = Assert.Single(r.Errors);
        Assert.Matches("^(InvalidPath|InvalidRequest),", error.FullyQualifiedErrorId);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Theory]
    [InlineData("http:evil.example")]
    [InlineData("../x")]
    [InlineData("a b")]
    public void TheOneHttpPathRefusesAddressesOutsideTheBaseUri(string path)
    {
        var http = new ArgilHttpClient(new ArgilClientSettings(new Uri("https://api.example.com/v1"), new ApiKey("k-1234567890")));
        var e = Assert.Throws<ArgilApiException>(() => http.Target(new ApiRequest("Avatar", System.Net.Http.HttpMethod.Get, path)));
        Assert.Equal(ApiFailureKind.InvalidRequest, e.Kind);
        Assert.Equal("https://api.example.com/v1/avatars/x", http.Target(new ApiRequest("Avatar", System.Net.Http.HttpMethod.Get, "/avatars/x")).ToString());
    }

    [Fact]
    public void InvokeMethodIsTheSecondPositionAndAGetBodyIsRefused()
    {
        using var s = new SandboxHost();
        Assert.Empty(s.Run("Invoke-ArgilRestMethod /avatars GET").Errors);
        var error = Assert.Single(s.Run("@{ a = 1 } | Invoke-ArgilRestMethod -Path /avatars").Errors);
        Assert.StartsWith("InvalidBody,", error.FullyQualifiedErrorId);
        Assert.Single(s.Sandbox.Journal);
    }

    [Fact]
    public async Task WaitTimeoutHoldsEvenWhenThePollItselfIsSlow()
    {
        using var s = new SandboxHost(timeMode: "Realtime");
        var id = s.CreateAvatar("Slow API");
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Delay, Method = "GET", Path = "/avatars/*", Delay = TimeSpan.FromSeconds(60) });
        var run = Task.Run(() => s.Run($"Wait-ArgilAvatar -Id {id} -Timeout 1"));
        var r = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("AvatarWaitTimeout,ArgilPS.Commands.WaitArgilAvatarCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void ClosingARunspaceStopsTheSandboxItStarted()
    {
        Uri uri;
        using (var host = new PowerShellHost())
        {
            uri = (Uri)host.Run("(Connect-Argil -Sandbox -Scope Runspace -PassThru).BaseUri").Output.Single().BaseObject;
        }
        using var tcp = new TcpClient();
        Assert.ThrowsAny<SocketException>(() => tcp.Connect(uri.Host, uri.Port));
    }

    [Fact]
    public async Task ADelayFaultWithACountDelaysThatManyRequestsOnce()
    {
        using var sandbox = SandboxServer.Start(timeMode: SandboxTimeMode.Manual);
        sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Delay, Method = "GET", Path = "/avatars", Delay = TimeSpan.FromMilliseconds(1), Count = 3 });
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Add("x-api-key", sandbox.ApiKey);
        for (var i = 0; i < 3; i++) await http.GetStringAsync(sandbox.BaseUri + "avatars");
        Assert.Equal(3, sandbox.Journal.Count(j => j.Fault is not null && j.Fault.Contains("Delay")));
        Assert.Empty(sandbox.Faults);
    }

    [Fact]
    public void NamesWithWildcardCharactersAreFoundAsTheyAreCompleted()
    {
        using var s = new SandboxHost();
        s.CreateAvatar("Demo [EN]");
        var completion = (CommandCompletion)s.Run("TabExpansion2 -inputScript 'Get-ArgilAvatar -Name Demo' -cursorColumn 26").Output.Single().BaseObject;
        var completed = Assert.Single(completion.CompletionMatches).CompletionText;
        Assert.Equal(new[] { "Demo [EN]" }, s.Run($"Get-ArgilAvatar -Name {completed}").Objects<Avatar>().Select(a => a.Name));
        Assert.Equal(new[] { "Demo [EN]" }, s.Run("Get-ArgilAvatar -Name 'Demo [EN]'").Objects<Avatar>().Select(a => a.Name));
    }

    [Fact]
    public void Base64ImageDataIsSentAndLoggedWithoutEscapes()
    {
        var body = new NewAvatarRequest { Name = "x", ImageDataUri = "data:image/png;base64,+/+/" + new string('A', 40) }.ToJson();
        Assert.Contains("\"base64\":\"data:image/png;base64,+/+/", body);
        Assert.DoesNotContain("\\u002B", body);
        Assert.Equal("{\"base64\":\"data:image/png;base64,…(44 characters)\"}", Redactor.Redact("{\"base64\":\"data:image/png;base64,+/+/" + new string('A', 40) + "\"}", null));
    }

    [Fact]
    public void AnEmptyOrOversizedFileIsRefusedByItsSizeBeforeItIsRead()
    {
        using var s = new SandboxHost();
        var empty = TestImages.WriteTemp(Array.Empty<byte>(), ".png");
        try
        {
            var error = Assert.Single(s.Run($"New-ArgilAvatar -Name e -ImagePath '{empty}'").Errors);
            Assert.Contains("empty or not a regular file", error.ToString());
            Assert.Empty(s.Sandbox.Journal);
        }
        finally { File.Delete(empty); }
    }

    [Fact]
    public void AnUnknownOrientationStillShowsInTheTable()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new SandboxFault { Kind = SandboxFaultKind.Body, Method = "GET", Path = "/avatars/sq", StatusCode = 200,
            Body = "{\"id\":\"sq\",\"name\":\"Square\",\"status\":\"IDLE\",\"orientation\":\"ASPECT_RATIO_1_1\"}" });
        var text = string.Concat(s.Run("Get-ArgilAvatar -Id sq | Out-String -Width 200").Output.Select(o => o.ToString()));
        Assert.Contains("ASPECT_RAT", text);
    }

    [Fact]
    public void ASandboxKeyWithSurroundingSpacesWorksAsTheClientTrimsIt()
    {
        using var host = new PowerShellHost();
        var r = host.Run("Connect-Argil -Sandbox -ApiKey (ConvertTo-SecureString ' key-abcdefgh-WXYZ ' -AsPlainText -Force) -Scope Runspace; Get-ArgilAvatar -Visibility public");
        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Objects<Avatar>().Count());
    }

    [Fact]
    public void AnImagePathOnAnotherProviderIsNotAFileSystemPath()
    {
        using var s = new SandboxHost();
        var error = Assert.Single(s.Run("New-ArgilAvatar -Name x -ImagePath Env:PATH").Errors);
        Assert.StartsWith("InvalidImagePath,", error.FullyQualifiedErrorId);
        Assert.Contains("Environment provider", error.ToString());
        Assert.Empty(s.Sandbox.Journal);
    }
}

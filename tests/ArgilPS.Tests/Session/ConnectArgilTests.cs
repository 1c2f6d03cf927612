using System;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Session;

/// <summary>Connection tests touch the environment and the Process-scope connection, so they run alone.</summary>
[Collection(ProcessStateCollection.Name)]
public class ConnectArgilTests : CleanArgilEnvironment
{
    private const string Key = "argil-live-key-SECRET-7f3a";

    [Fact]
    public void WithoutAnyKeyEveryApiCmdletFailsWithATerminatingNotConnectedError()
    {
        using var host = new PowerShellHost();
        // Terminating: -ErrorAction SilentlyContinue does not hide it, and catch sees it.
        var r = host.Run("try { Get-ArgilAvatar -ErrorAction SilentlyContinue } catch { 'caught'; $_ }");
        Assert.Equal("caught", r.Output[0].BaseObject);
        var error = (ErrorRecord)r.Output[1].BaseObject;
        Assert.Equal("NotConnected,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Connect-Argil", error.ToString());
        Assert.Contains("ARGIL_API_KEY", error.ToString());
        Assert.Empty(host.Run("Get-ArgilContext").Output);
    }

    [Fact]
    public void TheEnvironmentIsUsedWhenNothingIsConnected()
    {
        using var sandbox = ArgilPS.Sandbox.SandboxServer.Start(apiKey: Key);
        Environment.SetEnvironmentVariable("ARGIL_API_KEY", Key);
        Environment.SetEnvironmentVariable("ARGIL_BASE_URI", sandbox.BaseUri.ToString());
        using var host = new PowerShellHost();
        var r = host.Run("Get-ArgilAvatar -Visibility public; Get-ArgilContext");
        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Objects<Avatar>().Count());
        var context = r.Objects<ArgilContext>().Single();
        Assert.Equal("Environment", context.KeySource);
        Assert.Equal("…7f3a", context.KeyFingerprint);
        Assert.DoesNotContain(Key, r.AllText());
    }

    [Fact]
    public void AnInvalidBaseUriInTheEnvironmentIsAConfigurationError()
    {
        Environment.SetEnvironmentVariable("ARGIL_API_KEY", Key);
        Environment.SetEnvironmentVariable("ARGIL_BASE_URI", "http://api.example.com/v1");
        using var host = new PowerShellHost();
        var r = host.Run("Get-ArgilAvatar");
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidConfiguration,ArgilPS.Commands.GetArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Contains("ARGIL_BASE_URI", error.ToString());
        Assert.Contains("loopback", error.ToString());
    }

    [Theory]
    [InlineData("http://api.example.com/v1", "plain http:// is allowed only for loopback")]
    [InlineData("ftp://api.example.com/v1", "not supported")]
    public void PlainHttpIsRefusedExceptOnLoopback(string uri, string rule)
    {
        using var host = new PowerShellHost();
        var r = host.Run($"Connect-Argil -ApiKey (ConvertTo-SecureString '{Key}' -AsPlainText -Force) -BaseUri '{uri}'");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("'BaseUri'", error.ToString());
        Assert.Contains(rule, error.ToString());
        Assert.Empty(host.Run("Get-ArgilContext").Output);
        Assert.Empty(host.Run($"Connect-Argil -ApiKey (ConvertTo-SecureString '{Key}' -AsPlainText -Force) -BaseUri 'http://127.0.0.1:9/v1'").Errors);
    }

    [Fact]
    public void ConnectsWithAKeyOrACredentialAndShowsOnlyAFingerprint()
    {
        using var host = new PowerShellHost();
        var r = host.Run($@"
$secure = ConvertTo-SecureString '{Key}' -AsPlainText -Force
Connect-Argil -ApiKey $secure -TimeoutSec 30 -MaximumRetryCount 2 -RetryIntervalSec 3 -PassThru
Connect-Argil -Credential ([pscredential]::new('ignored', $secure)) -BaseUri 'https://eu.api.example.com/v1' -PassThru
Get-ArgilContext | Out-String");
        Assert.Empty(r.Errors);
        var contexts = r.Objects<ArgilContext>().ToList();
        Assert.Equal("https://api.argil.ai/v1/", contexts[0].BaseUri.ToString());
        Assert.Equal((30, 2, 3), (contexts[0].TimeoutSec, contexts[0].MaximumRetryCount, contexts[0].RetryIntervalSec));
        Assert.Equal("Parameter", contexts[0].KeySource);
        Assert.Equal("Credential", contexts[1].KeySource);
        Assert.Equal("https://eu.api.example.com/v1/", contexts[1].BaseUri.ToString());
        Assert.Contains("…7f3a", r.Output.Last().ToString());
        Assert.DoesNotContain(Key, r.AllText());
    }

    [Fact]
    public void AnEmptyKeyIsRefused()
    {
        using var host = new PowerShellHost();
        var r = host.Run("Connect-Argil -ApiKey (New-Object System.Security.SecureString)");
        var error = Assert.Single(r.Errors);
        Assert.Equal("EmptyApiKey,ArgilPS.Commands.ConnectArgilCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void ProcessScopeIsSharedByRunspacesAndRunspaceScopeWinsInItsOwn()
    {
        using var a = new PowerShellHost();
        using var b = new PowerShellHost();
        a.Run("Connect-Argil -Sandbox").ThrowIfTerminated();
        Assert.True(b.Run("(Get-ArgilContext).IsSandbox").Output.Single().BaseObject is true);
        b.Run($"Connect-Argil -ApiKey (ConvertTo-SecureString '{Key}' -AsPlainText -Force) -Scope Runspace").ThrowIfTerminated();
        Assert.Equal(new object[] { false, true },
            new[] { b, a }.Select(h => h.Run("(Get-ArgilContext).IsSandbox").Output.Single().BaseObject));
        b.Run("Disconnect-Argil").ThrowIfTerminated();
        Assert.True(b.Run("(Get-ArgilContext).IsSandbox").Output.Single().BaseObject is true);
        a.Run("Disconnect-Argil").ThrowIfTerminated();
        Assert.Empty(b.Run("Get-ArgilContext").Output);
    }

    [Fact]
    public void DisconnectStopsTheSandboxItStarted()
    {
        using var host = new PowerShellHost();
        var uri = (Uri)host.Run("(Connect-Argil -Sandbox -PassThru).BaseUri").Output.Single().BaseObject;
        host.Run("Disconnect-Argil").ThrowIfTerminated();
        using var tcp = new System.Net.Sockets.TcpClient();
        Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => tcp.Connect(uri.Host, uri.Port));
    }

    [Fact]
    public void SandboxCmdletsNeedASandboxConnection()
    {
        using var host = new PowerShellHost();
        host.Run($"Connect-Argil -ApiKey (ConvertTo-SecureString '{Key}' -AsPlainText -Force) -Scope Runspace").ThrowIfTerminated();
        var r = host.Run("Get-ArgilSandboxRequest");
        Assert.Equal("NotSandbox,ArgilPS.Commands.GetArgilSandboxRequestCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }
}

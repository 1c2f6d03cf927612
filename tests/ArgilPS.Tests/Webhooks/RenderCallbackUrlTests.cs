using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using ArgilPS.Tests.Videos;
using Xunit;

namespace ArgilPS.Tests.Webhooks;

/// <summary>
/// A render's -CallbackUrl follows New-ArgilWebhook's rule: https, and http:// only for a loopback
/// receiver while connected to the sandbox (or another API on this machine), checked before any request.
/// </summary>
public sealed class RenderCallbackUrlTests
{
    private const string Render = "Start-ArgilVideoRender -Id 'v1' -CallbackUrl 'http://127.0.0.1:8080/argil/'";
    private const string NewVideo = "New-ArgilVideo -Name 'N' -AvatarId 'a' -Transcript 'Hi.' -Render -CallbackUrl 'http://127.0.0.1:8080/argil/'";

    [Theory]
    [InlineData(Render, "http://127.0.0.1:8080/argil/")]
    [InlineData(NewVideo, "N")]
    public void ALoopbackHttpCallbackIsRefusedWhenConnectedToTheRealApiBeforeAnyRequest(string command, string target)
    {
        using var host = new PowerShellHost();
        host.Run("Connect-Argil -ApiKey (ConvertTo-SecureString 'a-key-for-a-remote-api' -AsPlainText -Force) -BaseUri 'https://api.example.com/v1' -Scope Runspace").ThrowIfTerminated();
        var r = host.Run(command);
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("InvalidCallbackUrl,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("CallbackUrl", ((PSArgumentException)error.Exception).ParamName);
        Assert.Equal(target, error.TargetObject);
        Assert.Contains("-CallbackUrl", error.ToString());
        Assert.Contains("only for a loopback receiver while connected to the sandbox", error.ToString());
        Assert.Empty(r.Output);
        // Nothing was sent: a request would have failed to connect (no network) with another error.
        Assert.DoesNotContain(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("ConnectionFailed", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://hooks.example.com/argil")]
    [InlineData("ftp://127.0.0.1/argil")]
    [InlineData("argil/hook")]
    public void ANonLoopbackHttpOrOtherSchemeIsRefusedWhenBindingEvenInTheSandbox(string url)
    {
        using var s = new SandboxHost();
        var id = s.CreateVideo("Bound");
        var r = s.Run($"Start-ArgilVideoRender -Id '{id}' -CallbackUrl '{url}'");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
        Assert.Equal("CallbackUrl", ((ParameterBindingException)error.Exception).ParameterName);
        Assert.Equal(0, s.RequestCount("POST", "/videos"));
    }

    [Fact]
    public void InTheSandboxALoopbackHttpCallbackIsSentAsGiven()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilVideo -Name 'Local' -AvatarId '" + SandboxVideoSupport.PublicAvatar + "' -Transcript 'Hi.' -Render -CallbackUrl 'http://localhost:8080/argil/'");
        Assert.Empty(r.Errors);
        var render = Assert.Single(s.Sandbox.Journal, e => e.Path.EndsWith("/render", System.StringComparison.Ordinal));
        Assert.Equal("{\"callbackUrl\":\"http://localhost:8080/argil/\"}", render.Body);
        Assert.Equal(200, render.StatusCode);
    }
}

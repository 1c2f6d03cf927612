using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>
/// Creating and rendering: a POST is never sent again after the server may have acted on it, and the
/// error says what may exist and how to check or finish the job.
/// </summary>
public sealed class VideoCreditsTests : System.IDisposable
{
    private readonly FakeVideoApi _api = new();

    [Theory]
    [InlineData(500)]
    [InlineData(0)] // the connection dropped before any answer
    public void ACreateThatMayHaveSucceededIsNotSentAgainAndSaysHowToCheck(int status)
    {
        _api.Override = r => r.Method == "POST" ? (status, "{\"code\":500,\"message\":\"Internal error\"}") : null;
        using var host = _api.Host(retries: 3);
        var r = host.Run("New-ArgilVideo -Name 'Weekly [EN]' -AvatarId av-1 -Transcript 'Hi.' -Render");
        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Single(_api.Sent("POST"));
        Assert.True(error.Exception.Message.Contains("may have been created"), error.Exception.Message);
        Assert.Contains("Get-ArgilVideo -Name 'Weekly `[EN`]'", error.Exception.Message);
        Assert.Contains("not rendered", error.Exception.Message);
        Assert.Equal("Weekly [EN]", error.TargetObject);
    }

    [Theory]
    [InlineData(500, "ServerError", "the render may have started")]
    [InlineData(0, "ConnectionFailed", "the render may have started")]
    [InlineData(400, "InvalidRequest", "its render did not start")]
    public void ARenderThatFailsAfterTheCreateSaysTheVideoExistsAndHowToRenderIt(int status, string errorId, string told)
    {
        _api.Override = r => r.Path.EndsWith("/render") ? (status, "{\"code\":" + (status == 0 ? 500 : status) + ",\"message\":\"Render refused\"}") : null;
        using var host = _api.Host(retries: 3);
        var r = host.Run("New-ArgilVideo -Name Weekly -AvatarId av-1 -Transcript 'Hi.' -Render");
        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        var created = _api.Sent("POST").First();
        var render = Assert.Single(_api.Sent("POST"), x => x.Path.EndsWith("/render"));
        var id = render.Path.Split('/')[2];
        Assert.Equal("/videos", created.Path);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Contains($"was created (id {id})", error.Exception.Message);
        Assert.Contains(told, error.Exception.Message.Replace("The render may", "the render may"));
        Assert.Contains($"Start-ArgilVideoRender -Id '{id}'", error.Exception.Message + error.ErrorDetails.RecommendedAction);
        Assert.Equal(id, ((ArgilPS.Video)error.TargetObject).Id);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(0)]
    public void StartArgilVideoRenderIsNotSentAgainAndSaysHowToCheck(int status)
    {
        var id = _api.AddVideo("Ready");
        _api.Override = r => r.Method == "POST" ? (status, "{\"code\":500,\"message\":\"Internal error\"}") : null;
        using var host = _api.Host(retries: 3);
        var r = host.Run($"Start-ArgilVideoRender -Id '{id}'");
        var error = Assert.Single(r.Errors);
        Assert.Single(_api.Sent("POST"));
        Assert.Contains("may have started", error.Exception.Message);
        Assert.Contains($"Get-ArgilVideo -Id '{id}'", error.Exception.Message);
        Assert.Equal(id, error.TargetObject);
    }

    [Fact]
    public void StartArgilVideoRenderOutputsTheVideoWithItsNewStatusForEachId()
    {
        var a = _api.AddVideo("A");
        var b = _api.AddVideo("B");
        using var host = _api.Host();
        var r = host.Run($"'{a}', '{b}' | Start-ArgilVideoRender -CallbackUrl 'https://hooks.example.com/x'").ThrowIfTerminated();
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { a, b }, r.Output.Select(o => ((ArgilPS.Video)o.BaseObject).Id));
        Assert.All(r.Output, o => Assert.Equal("GENERATING_AUDIO", ((ArgilPS.Video)o.BaseObject).Status));
        Assert.All(_api.Sent("POST"), p => NewArgilVideoBodyTests.AssertJson("""{"callbackUrl":"https://hooks.example.com/x"}""", p.Body));
    }

    [Fact]
    public void WhatIfSendsNothingAndSaysHowManyMomentsAndCharacters()
    {
        using var host = _api.Host();
        var r = host.Run("New-ArgilVideo -Name W -AvatarId av-1 -Transcript 'Hello there.', 'Bye.' -Render -WhatIf; Start-ArgilVideoRender -Id x -WhatIf; Remove-ArgilVideo -Id x -WhatIf -Force").ThrowIfTerminated();
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void TheOperationShownByWhatIfAndConfirmCountsMomentsAndCharacters()
    {
        // ShouldProcess shows the same target and action for -WhatIf, -Confirm and -Verbose; -Verbose is the stream a test can read.
        using var host = _api.Host();
        var r = host.Run("New-ArgilVideo -Name W -AvatarId av-1 -Transcript 'Hello there.', 'Bye.' -Render -Verbose").ThrowIfTerminated();
        Assert.Contains(r.Verbose, v => v.Contains("\"Create with 2 moments and 16 characters of transcript, then render it (rendering uses Argil credits)\" on target \"Argil video 'W'\""));
    }

    [Fact]
    public void RemoveDeletesWithForceAndSaysTheApisMessage()
    {
        var id = _api.AddVideo("Old");
        using var host = _api.Host();
        var r = host.Run($"Get-ArgilVideo -Id '{id}' | Remove-ArgilVideo -Force -Verbose").ThrowIfTerminated();
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Single(_api.Sent("DELETE"));
        Assert.Contains(r.Verbose, v => v.Contains("Video deleted successfully"));
        var again = host.Run($"Remove-ArgilVideo -Id '{id}' -Force");
        Assert.Equal("VideoNotFound,ArgilPS.Commands.RemoveArgilVideoCommand", Assert.Single(again.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, again.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void RemoveWithoutForceAsksAndAHostThatCannotAskDeletesNothing()
    {
        var id = _api.AddVideo("Keep");
        using var host = _api.Host();
        // ConfirmImpact High: the default $ConfirmPreference (High) asks; this host has no UI to answer.
        host.Run($"Remove-ArgilVideo -Id '{id}'");
        Assert.Empty(_api.Sent("DELETE"));
    }

    public void Dispose() => _api.Dispose();
}

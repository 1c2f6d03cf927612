using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using ArgilPS.Tests.Core.Downloads;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Videos;

/// <summary>What the video tests need of a sandbox: videos made straight through it, rendered on its Manual clock.</summary>
internal static class SandboxVideoSupport
{
    public const string PublicAvatar = "00000000-0000-4000-8000-000000000001";

    /// <summary>Creates a video straight through the sandbox and returns its id.</summary>
    public static string CreateVideo(this SandboxHost s, string name, string? outcome = null, bool subtitles = false)
    {
        var extras = outcome is null ? "" : $",\"extras\":{{\"sandbox-outcome\":\"{outcome}\"}}";
        var subs = subtitles ? ",\"subtitles\":{\"enable\":true}" : "";
        var answer = s.Sandbox.Videos.Create(
            $"{{\"name\":{JsonSerializer.Serialize(name)},\"moments\":[{{\"avatarId\":\"{PublicAvatar}\",\"transcript\":\"Hello there.\"}}]{extras}{subs}}}");
        if (answer.Status != 201) throw new InvalidOperationException(answer.Body);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Starts the render of a video straight through the sandbox.</summary>
    public static void Render(this SandboxHost s, string id)
    {
        var answer = s.Sandbox.Videos.Render(id, "");
        if (answer.Status != 200) throw new InvalidOperationException(answer.Body);
    }

    /// <summary>Creates, renders and runs a video to its end on the Manual clock.</summary>
    public static string RenderedVideo(this SandboxHost s, string name, bool subtitles = false)
    {
        var id = s.CreateVideo(name, subtitles: subtitles);
        s.Render(id);
        s.Sandbox.Clock.Advance(s.Sandbox.Options.GeneratingAudioDuration + s.Sandbox.Options.GeneratingVideoDuration);
        return id;
    }

    public static int FileRequests(this SandboxHost s) => s.Sandbox.Journal.Count(r => r.Origin == "files");
}

public sealed class SaveArgilVideoTests : IDisposable
{
    private readonly SandboxHost _s = new();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _s.Dispose();
        _folder.Dispose();
    }

    private string Folder => _folder.Path.Replace("'", "''");

    [Fact]
    public void RenderWaitSaveWritesTheMp4UnderItsNameAndTheDownloadCarriesNoKey()
    {
        var id = _s.CreateVideo("Weekly update");
        _s.Render(id);

        var r = _s.Run($"Wait-ArgilVideo -Id '{id}' -PollingInterval 30 | Save-ArgilVideo -Path '{Folder}'");

        Assert.Empty(r.Errors);
        var file = Assert.Single(r.Objects<FileInfo>());
        Assert.Equal(Path.Combine(_folder.Path, $"Weekly update-{id}.mp4"), file.FullName);
        Assert.Equal(new[] { $"Weekly update-{id}.mp4" }, _folder.Names); // no .partial left beside it
        var bytes = File.ReadAllBytes(file.FullName);
        Assert.True(bytes.Length > 100);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4)); // an MP4
        var download = Assert.Single(_s.Sandbox.Journal, e => e.Origin == "files");
        Assert.Equal("GET", download.Method);
        Assert.False(download.ApiKeyHeaderPresent);
        Assert.False(download.ApiKeySent);
        Assert.Contains(r.Progress, p => p.Activity.StartsWith("Saving Argil video 'Weekly update'", StringComparison.Ordinal) && p.PercentComplete == 100);
    }

    [Fact]
    public void IdsFromThePipelineByValueAndByPropertyNameAreEachSaved()
    {
        var a = _s.RenderedVideo("One");
        var b = _s.RenderedVideo("Two");

        var r = _s.Run($"'{a}' | Save-ArgilVideo -Path '{Folder}'; [pscustomobject]@{{ VideoId = '{b}' }} | Save-ArgilVideo -Path '{Folder}'");

        Assert.Empty(r.Errors);
        Assert.Equal(new[] { $"One-{a}.mp4", $"Two-{b}.mp4" }, r.Objects<FileInfo>().Select(f => f.Name));
    }

    [Fact]
    public void ATruncatedDownloadIsAnErrorNamingTheFileAndLeavesNoFile()
    {
        var id = _s.RenderedVideo("Cut");
        _s.Run("Add-ArgilSandboxFault -Kind Truncate -Path '/files/videos/*'").ThrowIfTerminated();

        var r = _s.Run($"Save-ArgilVideo -Id '{id}' -Path '{Folder}'");

        Assert.Empty(r.Objects<FileInfo>());
        var error = Assert.Single(r.Errors);
        Assert.Equal("DownloadFailed,ArgilPS.Commands.SaveArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains(Path.Combine(_folder.Path, $"Cut-{id}.mp4"), error.Exception.Message);
        Assert.Equal(id, ((Video)error.TargetObject).Id);
        Assert.Empty(_folder.Names);
    }

    [Fact]
    public void AnExistingFileIsKeptUnlessForce()
    {
        var id = _s.RenderedVideo("Keep");
        var target = Path.Combine(_folder.Path, $"Keep-{id}.mp4");
        File.WriteAllText(target, "mine");

        var r = _s.Run($"Save-ArgilVideo -Id '{id}' -Path '{Folder}'");

        var error = Assert.Single(r.Errors);
        Assert.Equal("FileExists,ArgilPS.Commands.SaveArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Contains(target, error.ToString());
        Assert.Equal("mine", File.ReadAllText(target));
        Assert.Equal(0, _s.FileRequests());

        var forced = _s.Run($"Save-ArgilVideo -Id '{id}' -Path '{Folder}' -Force");
        Assert.Empty(forced.Errors);
        Assert.NotEqual("mine", File.ReadAllText(target));
        Assert.Equal(new[] { $"Keep-{id}.mp4" }, _folder.Names);
    }

    [Theory]
    [InlineData(null, "IDLE")]
    [InlineData("GENERATING_VIDEO", "GENERATING_AUDIO")]
    public void AVideoThatIsNotDoneIsVideoNotReadyWithTheVideoAsTarget(string? outcome, string status)
    {
        var id = _s.CreateVideo("Early", outcome);
        if (outcome is not null) _s.Render(id);

        var r = _s.Run($"'{id}' | Save-ArgilVideo -Path '{Folder}'");

        var error = Assert.Single(r.Errors);
        Assert.Equal("VideoNotReady,ArgilPS.Commands.SaveArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(id, ((Video)error.TargetObject).Id);
        Assert.Contains(status, error.Exception.Message);
        Assert.Contains(outcome is null ? "Start-ArgilVideoRender" : "Wait-ArgilVideo", error.ErrorDetails.RecommendedAction);
        Assert.Equal(0, _s.FileRequests());
        Assert.Empty(_folder.Names);
    }

    [Fact]
    public void SubtitledSavesTheSubtitledFileOrSaysThereIsNone()
    {
        var with = _s.RenderedVideo("Subbed", subtitles: true);
        var without = _s.RenderedVideo("Plain");

        var r = _s.Run($"'{with}','{without}' | Save-ArgilVideo -Path '{Folder}' -Subtitled");

        Assert.Equal(new[] { $"Subbed-{with}-subtitled.mp4" }, r.Objects<FileInfo>().Select(f => f.Name));
        var error = Assert.Single(r.Errors);
        Assert.Equal("SubtitledVideoMissing,ArgilPS.Commands.SaveArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(without, ((Video)error.TargetObject).Id);
        Assert.Contains(_s.Sandbox.Journal, e => e.Origin == "files" && e.Path.EndsWith("-subtitled.mp4", StringComparison.Ordinal));
    }

    [Fact]
    public void AHostileNameStaysOneFileInTheFolder()
    {
        var id = _s.RenderedVideo("../../..\\evil\u001b[2J:*?<>|\"name");

        var r = _s.Run($"Save-ArgilVideo -Id '{id}' -Path '{Folder}'");

        Assert.Empty(r.Errors);
        var file = Assert.Single(r.Objects<FileInfo>());
        Assert.Equal(_folder.Path, file.DirectoryName);
        Assert.Equal($"_.._.._evil_[2J_______name-{id}.mp4", file.Name);
    }

    [Theory]
    [InlineData("IDLE", null, "Start-ArgilVideoRender -Id ")]
    [InlineData("GENERATING_VIDEO", null, "Wait-ArgilVideo -Id ")]
    [InlineData("DONE", null, "Get-ArgilVideo -Id ")]
    public void TheCommandAnErrorRecommendsQuotesTheServersId(string status, string? url, string command)
    {
        // An id is the server's: pasted from a recommendation, it must stay one argument, not run code.
        const string hostile = "v1 | Remove-Item -Recurse ~; 'x’";
        var r = _s.Host.Run("$v = [ArgilPS.Video]::new(); $v.Id = $id; $v.Name = 'n'; $v.Status = $status; $v.VideoUrl = $url; $v | Save-ArgilVideo -Path $folder",
            new System.Collections.Generic.Dictionary<string, object?> { ["id"] = hostile, ["status"] = status, ["url"] = url, ["folder"] = _folder.Path });

        var action = Assert.Single(r.Errors).ErrorDetails.RecommendedAction;
        Assert.Contains(command + "'v1 | Remove-Item -Recurse ~; ''x’’'", action);
        Assert.Empty(_folder.Names);
    }

    [Fact]
    public void APathWithAnExtensionIsTheFileForOneVideoOnly()
    {
        var a = _s.RenderedVideo("A");
        var b = _s.RenderedVideo("B");
        var target = Path.Combine(_folder.Path, "intro.mp4");

        var r = _s.Run($"Save-ArgilVideo -Id '{a}','{b}' -Path '{target.Replace("'", "''")}'");

        Assert.Equal(new[] { target }, r.Objects<FileInfo>().Select(f => f.FullName));
        var error = Assert.Single(r.Errors);
        Assert.Equal("PathIsOneFile,ArgilPS.Commands.SaveArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(b, error.TargetObject);
        Assert.Equal(1, _s.FileRequests());
    }

    [Fact]
    public void AMissingFolderWithoutAnExtensionIsCreated()
    {
        var id = _s.RenderedVideo("Made");
        var r = _s.Run($"Save-ArgilVideo -Id '{id}' -Path '{Folder}/new/out'");
        Assert.Empty(r.Errors);
        Assert.Equal(Path.Combine(_folder.Path, "new", "out", $"Made-{id}.mp4"), Assert.Single(r.Objects<FileInfo>()).FullName);
    }

    [Fact]
    public void WhatIfDownloadsNothing()
    {
        var id = _s.RenderedVideo("Maybe");
        var r = _s.Run($"Save-ArgilVideo -Id '{id}' -Path '{Folder}' -WhatIf");
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Equal(0, _s.FileRequests());
        Assert.Empty(_folder.Names);
    }
}

public sealed class WaitArgilVideoTests : IDisposable
{
    private readonly SandboxHost _s = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public void ARenderedVideoIsOutputOnceDoneAndManyArePolledInOneLoop()
    {
        var ids = Enumerable.Range(1, 3).Select(i => _s.CreateVideo("Batch " + i)).ToList();
        ids.ForEach(_s.Render);
        var started = _s.Sandbox.Clock.UtcNow;

        var r = _s.Run($"'{string.Join("','", ids)}' | Wait-ArgilVideo -PollingInterval 60");

        Assert.Empty(r.Errors);
        Assert.Equal(ids, r.Objects<Video>().Select(v => v.Id));
        Assert.All(r.Objects<Video>(), v => Assert.Equal("DONE", v.Status));
        // A render takes 5 minutes on the sandbox clock: 6 rounds, one minute apart, each one
        // GET /videos that shows all three (one get per video per round would have been 18).
        Assert.Equal(TimeSpan.FromMinutes(5), _s.Sandbox.Clock.UtcNow - started);
        Assert.Equal(6, _s.RequestCount("GET", "/videos"));
        Assert.Equal(6, _s.Sandbox.Journal.Count(j => j.Method == "GET" && j.Path == "/videos"));
        Assert.Contains(r.Progress, p => p.Activity == "Waiting for Argil videos" && p.StatusDescription.Contains("waiting for Batch 1 (GENERATING_"));
    }

    [Fact]
    public void TheDefaultsAreTenSecondsAndAnHour()
    {
        var id = _s.CreateVideo("Never ends", "GENERATING_VIDEO");
        _s.Render(id);
        var started = _s.Sandbox.Clock.UtcNow;

        var r = _s.Run($"Wait-ArgilVideo -Id '{id}'");

        Assert.Equal(TimeSpan.FromHours(1), _s.Sandbox.Clock.UtcNow - started);
        Assert.Equal(361, _s.RequestCount("GET", "/videos"));
        var error = Assert.Single(r.Errors);
        Assert.Equal("VideoWaitTimeout,ArgilPS.Commands.WaitArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(id, ((Video)error.TargetObject).Id);
        Assert.Contains("was still GENERATING_VIDEO after waiting 3600 seconds", error.Exception.Message);
        Assert.Contains("Wait-ArgilVideo -Timeout 7200", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void FailedAndModeratedRendersAreErrorsAboutTheirVideo()
    {
        var ok = _s.CreateVideo("Fine");
        var failed = _s.CreateVideo("Broken", "FAILED");
        var moderated = _s.CreateVideo("Moderated", "CONTENT_MODERATED");
        foreach (var id in new[] { ok, failed, moderated }) _s.Render(id);

        var r = _s.Run($"Wait-ArgilVideo -Id '{ok}','{failed}','{moderated}' -PollingInterval 60");

        Assert.Equal(new[] { ok }, r.Objects<Video>().Select(v => v.Id));
        Assert.Equal(new[] { "VideoGenerationFailed,ArgilPS.Commands.WaitArgilVideoCommand", "VideoContentModerated,ArgilPS.Commands.WaitArgilVideoCommand" },
            r.Errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal(new[] { ErrorCategory.InvalidResult, ErrorCategory.PermissionDenied }, r.Errors.Select(e => e.CategoryInfo.Category));
        Assert.Equal(new[] { failed, moderated }, r.Errors.Select(e => ((Video)e.TargetObject).Id));
    }

    [Fact]
    public void AVideoNeverRenderedIsVideoNotRenderedAfterTheGrace()
    {
        var id = _s.CreateVideo("Forgotten");
        var started = _s.Sandbox.Clock.UtcNow;

        var r = _s.Run($"Wait-ArgilVideo -Id '{id}'");

        var error = Assert.Single(r.Errors);
        Assert.Equal("VideoNotRendered,ArgilPS.Commands.WaitArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(id, ((Video)error.TargetObject).Id);
        Assert.Contains("Start-ArgilVideoRender", error.ErrorDetails.RecommendedAction);
        Assert.Equal(TimeSpan.FromSeconds(30), _s.Sandbox.Clock.UtcNow - started); // checked at 0, 10, 20 and 30 s
    }

    [Fact]
    public void AVideoStillIdleRightAfterItsRenderWasStartedIsWaitedFor()
    {
        var id = _s.CreateVideo("Slow start");
        // The render starts only after the first check has seen the video IDLE.
        void RenderAfterFirstCheck(ArgilPS.Sandbox.SandboxRequest request)
        {
            if (request.Method == "GET" && request.Path.EndsWith(id, StringComparison.Ordinal))
            {
                _s.Sandbox.RequestHandled -= RenderAfterFirstCheck;
                _s.Render(id);
            }
        }
        _s.Sandbox.RequestHandled += RenderAfterFirstCheck;

        var r = _s.Run($"Wait-ArgilVideo -Id '{id}' -PollingInterval 20");

        Assert.Empty(r.Errors);
        Assert.Equal("DONE", Assert.Single(r.Objects<Video>()).Status);
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("IDLE")]
    public void TheCommandAWaitErrorRecommendsQuotesTheServersId(string status)
    {
        var body = JsonSerializer.Serialize(new { id = "v1 | Remove-Item ~", name = "n", status, moments = Array.Empty<object>() });
        var r = _s.Run($"Add-ArgilSandboxFault -Kind Body -StatusCode 200 -Method GET -Path '/videos/v1' -Count 100 -Body '{body.Replace("'", "''")}'; Wait-ArgilVideo -Id 'v1' -PollingInterval 20");

        var action = Assert.Single(r.Errors).ErrorDetails.RecommendedAction;
        Assert.Contains("Start-ArgilVideoRender -Id 'v1 | Remove-Item ~' | Wait-ArgilVideo", action);
    }

    [Fact]
    public void AnUnknownIdIsVideoNotFound()
    {
        var r = _s.Run("Wait-ArgilVideo -Id 'no-such-video'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("VideoNotFound,ArgilPS.Commands.WaitArgilVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal("no-such-video", error.TargetObject);
    }
}

using System;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Assets;

public class WaitArgilAssetTests
{
    [Fact]
    public void NewThenWaitOutputsTheReadyAssetUsingTheDefaultInterval()
    {
        using var s = new SandboxHost();
        var started = s.Sandbox.Clock.UtcNow;
        var r = s.Run("New-ArgilAsset -Name 'Clip' -Type VIDEO -Url 'https://cdn.example/clip.mp4' | Wait-ArgilAsset");
        Assert.Empty(r.Errors);
        var asset = r.Objects<Asset>().Single();
        Assert.Equal("READY", asset.Status);
        Assert.EndsWith("/clip.mp4", asset.FileUrl);
        // Processing takes 10 s on the sandbox clock: polled at 0, 5 and 10 s (-PollingInterval defaults to 5).
        Assert.Equal(3, s.RequestCount("GET", "/assets"));
        Assert.Equal(TimeSpan.FromSeconds(10), s.Sandbox.Clock.UtcNow - started);
    }

    [Fact]
    public void AFailedAssetIsAnAssetProcessingFailedErrorAndTheOthersAreStillOutput()
    {
        using var s = new SandboxHost();
        var ok = s.UploadAsset("Fine");
        var failed = s.UploadAsset("Broken", outcome: "FAILED");
        var r = s.Run($"'{failed}', '{ok}' | Wait-ArgilAsset");
        Assert.Equal(new[] { "Fine" }, r.Objects<Asset>().Select(a => a.Name));
        var error = Assert.Single(r.Errors);
        Assert.Equal("AssetProcessingFailed,ArgilPS.Commands.WaitArgilAssetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(failed, ((Asset)error.TargetObject).Id);
        Assert.Contains("New-ArgilAsset", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void ATimeoutIsAnAssetWaitTimeoutPerPendingAssetAtTheDeadline()
    {
        using var s = new SandboxHost();
        var stuck = s.UploadAsset("Stuck", outcome: "PROCESSING");
        var started = s.Sandbox.Clock.UtcNow;
        var r = s.Run($"Wait-ArgilAsset -Id '{stuck}' -Timeout 12 -PollingInterval 5");
        var error = Assert.Single(r.Errors);
        Assert.Equal("AssetWaitTimeout,ArgilPS.Commands.WaitArgilAssetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(stuck, ((Asset)error.TargetObject).Id);
        Assert.Contains("-Timeout", error.ErrorDetails.RecommendedAction);
        Assert.Equal(TimeSpan.FromSeconds(12), s.Sandbox.Clock.UtcNow - started);
    }

    [Fact]
    public void TheDefaultTimeoutIs600Seconds()
    {
        using var s = new SandboxHost();
        var stuck = s.UploadAsset("Stuck", outcome: "PROCESSING");
        var started = s.Sandbox.Clock.UtcNow;
        var r = s.Run($"Wait-ArgilAsset -Id '{stuck}' -PollingInterval 60");
        Assert.Equal("AssetWaitTimeout,ArgilPS.Commands.WaitArgilAssetCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Equal(TimeSpan.FromSeconds(600), s.Sandbox.Clock.UtcNow - started);
    }

    [Fact]
    public void AMissingAssetIsAnErrorAndDuplicatesAreWaitedForOnce()
    {
        using var s = new SandboxHost();
        var id = s.UploadAsset("Real");
        var r = s.Run($"'nope', [pscustomobject]@{{ AssetId = '{id}' }}, [pscustomobject]@{{ Id = '{id}' }} | Wait-ArgilAsset");
        Assert.Equal("AssetNotFound,ArgilPS.Commands.WaitArgilAssetCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Single(r.Objects<Asset>());
    }

    [Fact]
    public void ShowsProgressWithTheAssetsNameAndStatus()
    {
        using var s = new SandboxHost();
        var id = s.UploadAsset("Progressing");
        var r = s.Run($"Wait-ArgilAsset -Id {id}");
        Assert.Contains(r.Progress, p => p.Activity == "Waiting for Argil assets" && p.StatusDescription.Contains("Progressing (PROCESSING)"));
        Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);
    }
}

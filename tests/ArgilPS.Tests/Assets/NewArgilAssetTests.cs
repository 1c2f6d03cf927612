using System.Linq;
using System.Management.Automation;
using ArgilPS.Sandbox;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Assets;

public class NewArgilAssetTests
{
    [Fact]
    public void SendsExactlyTheDocumentedBodyAndOutputsTheProcessingAsset()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAsset -Name 'Office' -Type image -Url 'https://cdn.example/office.png'");
        Assert.Empty(r.Errors);
        var asset = r.Objects<Asset>().Single();
        Assert.Equal("PROCESSING", asset.Status);
        Assert.Equal("IMAGE", asset.Type);
        Assert.Null(asset.FileUrl);
        var post = Assert.Single(s.Sandbox.Journal);
        Assert.Equal("POST", post.Method);
        Assert.Equal("/assets", post.Path);
        Assert.Equal("""{"name":"Office","type":"IMAGE","url":"https://cdn.example/office.png"}""", post.Body);
    }

    [Fact]
    public void CsvRowsBindByPropertyNameAndPipeIntoWait()
    {
        using var s = new SandboxHost();
        var r = s.Run("""
            "Name,Type,Url`nIntro,VIDEO,https://cdn.example/intro.mp4`nLogo,IMAGE,https://cdn.example/logo.png" | ConvertFrom-Csv |
                New-ArgilAsset | Wait-ArgilAsset -PollingInterval 5
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Intro", "Logo" }, r.Objects<Asset>().Select(a => a.Name));
        Assert.All(r.Objects<Asset>(), a => Assert.Equal("READY", a.Status));
    }

    [Fact]
    public void WhatIfSendsNothing()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAsset -Name 'Maybe' -Type VIDEO -Url 'https://cdn.example/m.mp4' -WhatIf");
        Assert.Empty(r.Output);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Theory]
    [InlineData("-Name 'A' -Type AUDIO -Url 'https://cdn.example/a.mp3'", "Type")]
    [InlineData("-Name 'A' -Type GIF -Url 'https://cdn.example/a.gif'", "Type")]
    [InlineData("-Name 'A' -Type IMAGE -Url 'http://cdn.example/a.png'", "Url")]
    [InlineData("-Name '' -Type IMAGE -Url 'https://cdn.example/a.png'", "Name")]
    [InlineData("-Name ('n' * 257) -Type IMAGE -Url 'https://cdn.example/a.png'", "Name")]
    public void BadInputIsRefusedBeforeAnyRequestNamingTheParameter(string arguments, string parameter)
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAsset " + arguments);
        var error = Assert.IsAssignableFrom<ParameterBindingException>(r.Terminating ?? r.Errors.Single().Exception);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Theory]
    [InlineData("Status", "-StatusCode 500", "ServerError")]
    [InlineData("Status", "-StatusCode 503", "ServerError")]
    [InlineData("Drop", "", "ConnectionFailed")]
    public void AFailureAfterWhichTheAssetMayExistIsNeverRetriedAndSaysHowToCheck(string kind, string status, string errorId)
    {
        using var s = new SandboxHost();
        s.Run($"Add-ArgilSandboxFault -Kind {kind} {status} -Method POST -Path /assets -Count 5").ThrowIfTerminated();
        var r = s.Run("New-ArgilAsset -Name \"Bob's clip\" -Type VIDEO -Url 'https://cdn.example/b.mp4'");
        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Equal(errorId + ",ArgilPS.Commands.NewArgilAssetCommand", error.FullyQualifiedErrorId);
        Assert.Equal("Bob's clip", error.TargetObject);
        var failure = Assert.IsType<ArgilApiException>(error.Exception);
        Assert.True(failure.MayHaveSucceeded);
        Assert.Contains("may have been created", failure.Message);
        Assert.Contains("Get-ArgilAsset -Name 'Bob''s clip' -Status PROCESSING", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, s.RequestCount("POST", "/assets"));
    }

    [Fact]
    public void ThrottlingIsRetriedBecauseTheUploadCertainlyDidNotArrive()
    {
        using var s = new SandboxHost();
        s.Run("Add-ArgilSandboxFault -Kind Status -StatusCode 429 -RetryAfter 1 -Method POST -Path /assets -Count 2").ThrowIfTerminated();
        var r = s.Run("New-ArgilAsset -Name 'Patient' -Type IMAGE -Url 'https://cdn.example/p.png'");
        Assert.Empty(r.Errors);
        Assert.Single(r.Objects<Asset>());
        Assert.Equal(new[] { 429, 429, 201 }, s.Sandbox.Journal.Select(j => j.StatusCode));
    }

    [Fact]
    public void TheApisRefusalIsAnInvalidRequestWithItsMessage()
    {
        using var s = new SandboxHost();
        // An https URL whose sandbox-outcome the sandbox does not know: refused by the API, not by the module.
        var r = s.Run("New-ArgilAsset -Name 'Odd' -Type IMAGE -Url 'https://cdn.example/a.png?sandbox-outcome=MAYBE'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidRequest,ArgilPS.Commands.NewArgilAssetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Validation error: url:", ((ArgilApiException)error.Exception).ApiMessage);
        Assert.False(((ArgilApiException)error.Exception).MayHaveSucceeded);
    }
}

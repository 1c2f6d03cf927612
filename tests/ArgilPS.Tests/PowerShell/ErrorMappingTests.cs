using System.Linq;
using System.Management.Automation;
using ArgilPS.Commands;
using ArgilPS.Core;
using Xunit;

namespace ArgilPS.Tests.Commands;

/// <summary>The one place failures become ErrorRecords: the ids and categories DESIGN.md and the help promise.</summary>
public class ErrorMappingTests
{
    [Theory]
    [InlineData("InvalidRequest", "InvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData("Unauthorized", "Unauthorized", ErrorCategory.AuthenticationError)]
    [InlineData("Forbidden", "Forbidden", ErrorCategory.PermissionDenied)]
    [InlineData("NotFound", "AvatarNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("Conflict", "Conflict", ErrorCategory.ResourceExists)]
    [InlineData("RateLimited", "RateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData("ServerError", "ServerError", ErrorCategory.InvalidOperation)]
    [InlineData("Timeout", "OperationTimeout", ErrorCategory.OperationTimeout)]
    [InlineData("ConnectionFailed", "ConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData("CertificateError", "CertificateError", ErrorCategory.SecurityError)]
    [InlineData("UnexpectedResponse", "UnexpectedResponse", ErrorCategory.InvalidResult)]
    [InlineData("HttpError", "HttpError", ErrorCategory.InvalidOperation)]
    public void EachFailureKindHasAStableIdAndCategory(string kindName, string errorId, ErrorCategory category)
    {
        // By name: enum values of the module in attributes would be read before the module is loaded from out/ArgilPS.
        var kind = System.Enum.Parse<ApiFailureKind>(kindName);
        var failure = new ArgilApiException(kind, "what happened") { RecommendedAction = "what to do", Resource = "Avatar" };
        var record = ErrorMapping.ToErrorRecord(failure, "target-1");
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("target-1", record.TargetObject);
        Assert.Equal("what happened", record.ErrorDetails.Message);
        Assert.Equal("what to do", record.ErrorDetails.RecommendedAction);
        Assert.Same(failure, record.Exception);
    }

    [Theory]
    [InlineData("Avatar", "AvatarNotFound")]
    [InlineData("Video", "VideoNotFound")]
    [InlineData("Resource", "ResourceNotFound")]
    public void ANotFoundNamesTheResourceTheRequestWasAbout(string resource, string errorId)
    {
        var request = new ApiRequest(resource, System.Net.Http.HttpMethod.Get, "things/1");
        var failure = ApiFailure.For(request, new ApiKey("key-0123456789abcdef"), ApiFailureKind.NotFound, "GET /things/1 failed with HTTP 404: not found");
        var record = ErrorMapping.ToErrorRecord(failure, "1");
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal("/things/1", ((ArgilApiException)record.Exception).Path);
    }

    [Theory]
    [InlineData("RaiseTimeout", "Connect-Argil -TimeoutSec")]
    [InlineData("CheckKey", "Connect-Argil -ApiKey")]
    [InlineData("RaiseRetries", "Connect-Argil -MaximumRetryCount")]
    [InlineData("CheckBaseUriRedirect", "Get-ArgilContext")]
    [InlineData("CheckConnection", "Get-ArgilContext")]
    [InlineData("AskForLess", "Get-ArgilContext")]
    [InlineData("ListExisting", "List the avatars you can use with Get-ArgilAvatar.")]
    [InlineData("GiveOneId", "Give the id of one Avatar, as Get-ArgilAvatar lists them.")]
    public void WhatTheCoreReportsTheCmdletsWordAsTheRecommendedAction(string remedyName, string advice)
    {
        var remedy = System.Enum.Parse<FailureRemedy>(remedyName);
        var failure = new ArgilApiException(ApiFailureKind.HttpError, "what happened") { Resource = "Avatar", Remedy = remedy };
        var record = ErrorMapping.ToErrorRecord(failure, "target-1");
        Assert.Contains(advice, record.ErrorDetails.RecommendedAction);
        Assert.Equal(record.ErrorDetails.RecommendedAction, ((ArgilApiException)record.Exception).RecommendedAction);
        Assert.Equal("what happened", record.Exception.Message);
    }

    [Fact]
    public void EveryRemedyTheCoreCanReportIsWorded()
    {
        foreach (var remedy in System.Enum.GetValues<FailureRemedy>().Where(r => r != FailureRemedy.None))
            Assert.False(string.IsNullOrWhiteSpace(ErrorMapping.Advice(remedy, "Avatar")), remedy.ToString());
    }
}

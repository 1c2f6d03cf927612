using System.Management.Automation;
using ArgilPS.Commands;
using Xunit;

namespace ArgilPS.Tests.Cmdlets;

/// <summary>The one place failures become ErrorRecords: the ids and categories DESIGN.md and the help promise.</summary>
public class ErrorMappingTests
{
    [Theory]
    [InlineData(ApiFailureKind.InvalidRequest, "InvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData(ApiFailureKind.Unauthorized, "Unauthorized", ErrorCategory.AuthenticationError)]
    [InlineData(ApiFailureKind.Forbidden, "Forbidden", ErrorCategory.PermissionDenied)]
    [InlineData(ApiFailureKind.NotFound, "AvatarNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(ApiFailureKind.Conflict, "Conflict", ErrorCategory.ResourceExists)]
    [InlineData(ApiFailureKind.RateLimited, "RateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData(ApiFailureKind.ServerError, "ServerError", ErrorCategory.InvalidOperation)]
    [InlineData(ApiFailureKind.Timeout, "OperationTimeout", ErrorCategory.OperationTimeout)]
    [InlineData(ApiFailureKind.ConnectionFailed, "ConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData(ApiFailureKind.CertificateError, "CertificateError", ErrorCategory.SecurityError)]
    [InlineData(ApiFailureKind.UnexpectedResponse, "UnexpectedResponse", ErrorCategory.InvalidResult)]
    [InlineData(ApiFailureKind.HttpError, "HttpError", ErrorCategory.InvalidOperation)]
    public void EachFailureKindHasAStableIdAndCategory(ApiFailureKind kind, string errorId, ErrorCategory category)
    {
        var failure = new ArgilApiException(kind, "what happened") { RecommendedAction = "what to do" };
        var record = ErrorMapping.ToErrorRecord(failure, "target-1", "Avatar");
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("target-1", record.TargetObject);
        Assert.Equal("what happened", record.ErrorDetails.Message);
        Assert.Equal("what to do", record.ErrorDetails.RecommendedAction);
        Assert.Same(failure, record.Exception);
    }
}

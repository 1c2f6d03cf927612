using System.Management.Automation;
using ArgilPS.Commands;
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

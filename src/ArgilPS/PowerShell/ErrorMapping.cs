using System.Management.Automation;

namespace ArgilPS.Commands;

/// <summary>The one place where API failures become ErrorRecords: a stable ErrorId and a category per kind.</summary>
internal static class ErrorMapping
{
    public static (string ErrorId, ErrorCategory Category) Classify(ApiFailureKind kind, string resource) => kind switch
    {
        ApiFailureKind.InvalidRequest => ("InvalidRequest", ErrorCategory.InvalidArgument),
        ApiFailureKind.Unauthorized => ("Unauthorized", ErrorCategory.AuthenticationError),
        ApiFailureKind.Forbidden => ("Forbidden", ErrorCategory.PermissionDenied),
        ApiFailureKind.NotFound => (resource + "NotFound", ErrorCategory.ObjectNotFound),
        ApiFailureKind.Conflict => ("Conflict", ErrorCategory.ResourceExists),
        ApiFailureKind.RateLimited => ("RateLimited", ErrorCategory.LimitsExceeded),
        ApiFailureKind.ServerError => ("ServerError", ErrorCategory.InvalidOperation),
        ApiFailureKind.Timeout => ("OperationTimeout", ErrorCategory.OperationTimeout),
        ApiFailureKind.ConnectionFailed => ("ConnectionFailed", ErrorCategory.ConnectionError),
        ApiFailureKind.CertificateError => ("CertificateError", ErrorCategory.SecurityError),
        ApiFailureKind.UnexpectedResponse => ("UnexpectedResponse", ErrorCategory.InvalidResult),
        _ => ("HttpError", ErrorCategory.InvalidOperation),
    };

    public static ErrorRecord ToErrorRecord(ArgilApiException failure, object? target, string resource)
    {
        var (id, category) = Classify(failure.Kind, resource);
        return new ErrorRecord(failure, id, category, target)
        {
            ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = failure.RecommendedAction ?? "" },
        };
    }
}

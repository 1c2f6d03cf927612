using System.Management.Automation;

namespace ArgilPS.Commands;

/// <summary>
/// The one place where API failures become ErrorRecords: a stable ErrorId and a category per kind,
/// the resource the failed request was about (a 404 of an avatar is an AvatarNotFound), and the
/// advice for what the core reports as a <see cref="FailureRemedy"/>, worded in commands.
/// </summary>
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

    public static ErrorRecord ToErrorRecord(ArgilApiException failure, object? target)
    {
        failure = Advised(failure);
        var (id, category) = Classify(failure.Kind, failure.Resource);
        return new ErrorRecord(failure, id, category, target)
        {
            ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = failure.RecommendedAction ?? "" },
        };
    }

    /// <summary>The failure with its <see cref="FailureRemedy"/> worded as the recommended action, unless it has one already.</summary>
    public static ArgilApiException Advised(ArgilApiException failure) =>
        failure.RecommendedAction is null && Advice(failure.Remedy, failure.Resource) is { } action ? failure.WithRecommendedAction(action) : failure;

    /// <summary>What to do about a remedy the core reported, in the module's commands and settings.</summary>
    public static string? Advice(FailureRemedy remedy, string resource) => remedy switch
    {
        FailureRemedy.RaiseTimeout => "Raise the limit with Connect-Argil -TimeoutSec <seconds> (or $env:ARGIL_TIMEOUT_SEC), or try again later.",
        FailureRemedy.CheckKey => "Check the key: Connect-Argil -ApiKey (Read-Host -AsSecureString), or $env:ARGIL_API_KEY. Keys are created at https://app.argil.ai/developers and need a paid plan.",
        FailureRemedy.RaiseRetries => "Wait and run the command again, or raise Connect-Argil -MaximumRetryCount.",
        FailureRemedy.CheckBaseUriRedirect => "Check the base URI (Get-ArgilContext): the API answers at https://api.argil.ai/v1, not at an address that redirects.",
        FailureRemedy.CheckConnection => "Check the network and the base URI (Get-ArgilContext), then run the command again.",
        FailureRemedy.AskForLess => "Ask for less at a time (filters, or paging with -Query), and check with Get-ArgilContext that the base URI is the Argil API.",
        FailureRemedy.ListExisting => $"List the {resource.ToLowerInvariant()}s you can use with Get-Argil{resource}.",
        FailureRemedy.GiveOneId => $"Give the id of one {resource}, as Get-Argil{resource} lists them.",
        _ => null,
    };
}

using System;

namespace ArgilPS.Core;

/// <summary>
/// The one place a failure is built: it names the request (method, path, resource), takes the
/// status and request id from the answer, if one came, and removes the key from every text.
/// </summary>
internal static class ApiFailure
{
    /// <summary>A failure of <paramref name="request"/>, with its texts redacted.</summary>
    public static ArgilApiException For(ApiRequest request, ApiKey key, ApiFailureKind kind, string message,
        ApiResponse? response = null, Exception? inner = null, string? apiMessage = null, TimeSpan? retryAfter = null,
        bool mayHaveSucceeded = false, string? recommendedAction = null, FailureRemedy remedy = FailureRemedy.None, int? statusCode = null) =>
        new(kind, Redactor.Redact(message, key), inner)
        {
            StatusCode = response?.StatusCode ?? statusCode,
            Method = request.Method.Method,
            Path = Redactor.Redact("/" + request.Path, key),
            ApiMessage = apiMessage is null ? null : Redactor.Redact(apiMessage, key),
            RequestId = response?.RequestId,
            RetryAfter = retryAfter,
            MayHaveSucceeded = mayHaveSucceeded,
            RecommendedAction = recommendedAction is null ? null : Redactor.Redact(recommendedAction, key),
            Resource = request.Resource,
            Remedy = remedy,
        };

    /// <summary>A failure found before any request was built (such as an id that cannot be one), with its texts redacted.</summary>
    public static ArgilApiException Before(string resource, ApiKey key, ApiFailureKind kind, string message, FailureRemedy remedy = FailureRemedy.None) =>
        new(kind, Redactor.Redact(message, key))
        {
            Resource = resource,
            Remedy = remedy,
        };
}

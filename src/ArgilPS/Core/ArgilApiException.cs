using System;

namespace ArgilPS;

/// <summary>Why a call failed, in terms a user can act on. The cmdlets map each to an ErrorId and category.</summary>
public enum ApiFailureKind
{
    /// <summary>400 or 422: the request broke a rule.</summary>
    InvalidRequest,
    /// <summary>401: the key is missing or wrong.</summary>
    Unauthorized,
    /// <summary>403: the key may not do this.</summary>
    Forbidden,
    /// <summary>404: no such object.</summary>
    NotFound,
    /// <summary>409: it exists already.</summary>
    Conflict,
    /// <summary>429, still after the retries.</summary>
    RateLimited,
    /// <summary>5xx.</summary>
    ServerError,
    /// <summary>No answer within TimeoutSec.</summary>
    Timeout,
    /// <summary>Refused, dropped or unresolved connection.</summary>
    ConnectionFailed,
    /// <summary>The server's TLS certificate was not accepted; never bypassed.</summary>
    CertificateError,
    /// <summary>Not the JSON the API documents.</summary>
    UnexpectedResponse,
    /// <summary>Any other HTTP status.</summary>
    HttpError,
}

/// <summary>A failed Argil API call. Its message is safe to show: the key is never in it.</summary>
public sealed class ArgilApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArgilApiException(ApiFailureKind kind, string message, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>What kind of failure it was.</summary>
    public ApiFailureKind Kind { get; }
    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; init; }
    /// <summary>The HTTP method of the failed request.</summary>
    public string? Method { get; init; }
    /// <summary>The path of the failed request relative to the base URI, such as /avatars/123.</summary>
    public string? Path { get; init; }

    /// <summary>The API's own message from its { code, message } body, when it sent one.</summary>
    public string? ApiMessage { get; init; }
    /// <summary>The request id the service sent, for support.</summary>
    public string? RequestId { get; init; }
    /// <summary>How long the service asked to wait (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>A POST that failed after the server may already have acted on it.</summary>
    public bool MayHaveSucceeded { get; init; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>
    /// This failure with every text passed through <paramref name="safe"/> (the cmdlets mask the key
    /// and control characters); itself when nothing changes.
    /// </summary>
    internal ArgilApiException WithSafeTexts(Func<string?, string?> safe, Exception? inner)
    {
        var message = safe(Message)!;
        var path = safe(Path);
        var apiMessage = safe(ApiMessage);
        var requestId = safe(RequestId);
        var action = safe(RecommendedAction);
        if (message == Message && path == Path && apiMessage == ApiMessage && requestId == RequestId && action == RecommendedAction
            && ReferenceEquals(inner, InnerException)) return this;
        return new(Kind, message, inner)
        {
            StatusCode = StatusCode,
            Method = Method,
            Path = path,
            ApiMessage = apiMessage,
            RequestId = requestId,
            RetryAfter = RetryAfter,
            Attempts = Attempts,
            MayHaveSucceeded = MayHaveSucceeded,
            RecommendedAction = action,
        };
    }

    /// <summary>The same failure told better: a new message (and action), every detail kept, this one as the inner exception.</summary>
    internal ArgilApiException Rephrase(string message, string? recommendedAction = null, int? attempts = null, bool? mayHaveSucceeded = null) =>
        new(Kind, message, this)
        {
            StatusCode = StatusCode,
            Method = Method,
            Path = Path,
            ApiMessage = ApiMessage,
            RequestId = RequestId,
            RetryAfter = RetryAfter,
            Attempts = attempts ?? Attempts,
            MayHaveSucceeded = mayHaveSucceeded ?? MayHaveSucceeded,
            RecommendedAction = recommendedAction ?? RecommendedAction,
        };
}

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

    /// <summary>What the failed request was about, in the singular ("Avatar"; "Resource" for a raw call).</summary>
    internal string Resource { get; init; } = "Resource";

    /// <summary>
    /// What the user could change, when that is a setting or a command of the PowerShell layer: the
    /// core reports it, and the cmdlets word it (RecommendedAction is then null here).
    /// </summary>
    internal FailureRemedy Remedy { get; init; }

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
        return Copy(message, inner, path, apiMessage, requestId, action, Attempts, MayHaveSucceeded, Remedy);
    }

    /// <summary>The same failure told better: a new message (and action), every detail kept, this one as the inner exception.</summary>
    internal ArgilApiException Rephrase(string message, string? recommendedAction = null, int? attempts = null, bool? mayHaveSucceeded = null, FailureRemedy? remedy = null) =>
        Copy(message, this, Path, ApiMessage, RequestId, recommendedAction ?? RecommendedAction, attempts ?? Attempts, mayHaveSucceeded ?? MayHaveSucceeded, remedy ?? Remedy);

    /// <summary>The same failure with a new message and the number of attempts, its inner exception kept.</summary>
    internal ArgilApiException Retell(string message, int attempts) =>
        Copy(message, InnerException, Path, ApiMessage, RequestId, RecommendedAction, attempts, MayHaveSucceeded, Remedy);

    /// <summary>The same failure with the action worded by the cmdlets (see <see cref="Remedy"/>), everything else kept.</summary>
    internal ArgilApiException WithRecommendedAction(string recommendedAction) =>
        Copy(Message, InnerException, Path, ApiMessage, RequestId, recommendedAction, Attempts, MayHaveSucceeded, Remedy);

    private ArgilApiException Copy(string message, Exception? inner, string? path, string? apiMessage, string? requestId, string? action, int attempts, bool mayHaveSucceeded, FailureRemedy remedy) =>
        new(Kind, message, inner)
        {
            StatusCode = StatusCode,
            Method = Method,
            Path = path,
            ApiMessage = apiMessage,
            RequestId = requestId,
            RetryAfter = RetryAfter,
            Attempts = attempts,
            MayHaveSucceeded = mayHaveSucceeded,
            RecommendedAction = action,
            Resource = Resource,
            Remedy = remedy,
        };
}

/// <summary>
/// What a user could change about a failure, when the change is a setting or a command: the core
/// (which knows nothing of PowerShell) reports it, the cmdlets word it (ErrorMapping).
/// </summary>
internal enum FailureRemedy
{
    /// <summary>Nothing to add; RecommendedAction, if any, says it all.</summary>
    None,
    /// <summary>No answer in time: a longer timeout, or later.</summary>
    RaiseTimeout,
    /// <summary>The key is missing or wrong.</summary>
    CheckKey,
    /// <summary>Still rate limited after the retries: wait, or allow more retries.</summary>
    RaiseRetries,
    /// <summary>The base URI answers with a redirect.</summary>
    CheckBaseUriRedirect,
    /// <summary>No connection: the network or the base URI.</summary>
    CheckConnection,
    /// <summary>An answer over the size limit: ask for less, and check the base URI.</summary>
    AskForLess,
    /// <summary>No such object: list the ones there are.</summary>
    ListExisting,
    /// <summary>Not an id at all: give the id of one object, as the list shows them.</summary>
    GiveOneId,
}

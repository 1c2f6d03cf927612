using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Client;

/// <summary>
/// The one HTTP path every request takes: authentication, per-request timeout, retries with
/// back-off, logging with redaction, and turning every failure into an <see cref="ArgilApiException"/>.
/// </summary>
internal sealed class ArgilHttpClient
{
    private const int DebugBodyLimit = 4000;
    private readonly ArgilClientSettings _settings;
    private readonly IClock _clock;
    private readonly RetryPolicy _retry;
    private readonly HttpMessageInvoker _http;

    public ArgilHttpClient(ArgilClientSettings settings, IClock? clock = null, HttpMessageInvoker? http = null, Random? random = null)
    {
        _settings = settings;
        _clock = clock ?? SystemClock.Instance;
        _http = http ?? HttpClientCache.For(settings.BaseUri);
        _retry = new RetryPolicy(settings.MaximumRetryCount, settings.RetryIntervalSec, settings.MaximumRetryWait, random);
    }

    public ArgilClientSettings Settings => _settings;
    public IClock Clock => _clock;

    public async Task<ApiResponse> SendAsync(ApiRequest request, IRequestLog log, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        log = new RedactingLog(log, _settings.ApiKey); // the path (an id) may hold the key, pasted by mistake
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await AttemptAsync(request, attempt, log, cancellationToken).ConfigureAwait(false);
            if (outcome.Response is { } ok) return ok;

            var failure = outcome.Failure!;
            if (!outcome.Retryable || attempt > _retry.MaximumRetryCount)
                throw Finish(failure, request, attempt, waited, retriesExhausted: outcome.Retryable);

            var delay = _retry.Backoff(attempt, failure.RetryAfter);
            if (waited + delay > _retry.MaximumTotalWait)
                throw Finish(failure, request, attempt, waited, retriesExhausted: true, waitTooLong: delay);

            log.Verbose($"{request.Display}: {Describe(failure)}; retrying in {Seconds(delay)} (retry {attempt} of {_retry.MaximumRetryCount}).");
            await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    /// <summary>Reads a JSON response body into <typeparamref name="T"/>; anything unreadable is an UnexpectedResponse, never a crash.</summary>
    public T ReadJson<T>(ApiRequest request, ApiResponse response, Func<string, T?> parse) where T : class
    {
        Exception? cause = null;
        if (!string.IsNullOrWhiteSpace(response.Body))
        {
            try
            {
                var value = parse(response.Body);
                if (value is not null) return value;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException)
            {
                cause = e;
            }
        }
        throw Unexpected(request, response, cause);
    }

    private ArgilApiException Unexpected(ApiRequest request, ApiResponse response, Exception? cause)
    {
        var what = string.IsNullOrWhiteSpace(response.Body) ? "an empty body"
            : LooksLikeHtml(response.Body) ? "an HTML page"
            : cause is JsonException ? "JSON that could not be read" : "JSON of an unexpected shape";
        return new ArgilApiException(ApiFailureKind.UnexpectedResponse, Redactor.Redact(
            $"The Argil API answered {request.Display} with {what} (HTTP {response.StatusCode}) instead of the documented JSON. " +
            $"Body: {Redactor.Excerpt(response.Body, _settings.ApiKey)}", _settings.ApiKey), cause is null ? null : new InvalidDataException(Redactor.Redact(cause.Message, _settings.ApiKey)))
        {
            StatusCode = response.StatusCode,
            Method = request.Method.Method,
            Path = Redactor.Redact("/" + request.Path, _settings.ApiKey),
            RequestId = RequestIdOf(response),
            RecommendedAction = "Run the command again later; if it keeps happening, the service or a proxy in between is answering for it.",
        };
    }

    private static bool LooksLikeHtml(string body)
    {
        var t = body.TrimStart();
        return t.StartsWith("<", StringComparison.Ordinal);
    }

    private sealed class Outcome
    {
        public ApiResponse? Response;
        public ArgilApiException? Failure;
        public bool Retryable;
    }

    private async Task<Outcome> AttemptAsync(ApiRequest request, int attempt, IRequestLog log, CancellationToken cancellationToken)
    {
        using var message = BuildMessage(request);
        LogRequest(request, message, log);
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_settings.TimeoutSec > 0) timeout.CancelAfter(TimeSpan.FromSeconds(_settings.TimeoutSec));
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            var headers = CopyHeaders(response);
            var result = new ApiResponse((int)response.StatusCode, body, headers);
            var requestId = RequestIdOf(result);
            log.Verbose($"{request.Display} -> {result.StatusCode} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms, attempt {attempt}{(requestId is null ? "" : ", request-id " + requestId)})");
            LogResponse(result, log);
            if (result.StatusCode is >= 200 and < 300) return new Outcome { Response = result };
            var failure = FromStatus(request, result);
            var retryable = RetryPolicy.IsRetryableStatus(result.StatusCode) && (request.IsIdempotent || result.StatusCode == 429);
            return new Outcome { Failure = failure, Retryable = retryable };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            log.Verbose($"{request.Display} -> no answer within {_settings.TimeoutSec} s (attempt {attempt})");
            // A timeout is not retried: the caller asked for an answer within TimeoutSec, and for a
            // POST the server may be acting on it right now.
            return new Outcome
            {
                Failure = new ArgilApiException(ApiFailureKind.Timeout,
                    $"The Argil API did not answer {request.Display} within {_settings.TimeoutSec} seconds (the -TimeoutSec limit).")
                {
                    Method = request.Method.Method,
                    Path = Redactor.Redact("/" + request.Path, _settings.ApiKey),
                    MayHaveSucceeded = !request.IsIdempotent,
                    RecommendedAction = "Raise the limit with Connect-Argil -TimeoutSec <seconds> (or $env:ARGIL_TIMEOUT_SEC), or try again later.",
                },
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or ObjectDisposedException)
        {
            log.Verbose($"{request.Display} -> failed: {Redactor.Redact(Innermost(e).Message, _settings.ApiKey)} ({watch.ElapsedMilliseconds} ms, attempt {attempt})");
            return FromTransportFailure(request, e);
        }
    }

    private Outcome FromTransportFailure(ApiRequest request, Exception e)
    {
        if (Chain(e).Any(x => x is AuthenticationException))
        {
            return new Outcome
            {
                Failure = new ArgilApiException(ApiFailureKind.CertificateError,
                    $"The connection to {_settings.BaseUri.Host} was refused because its TLS certificate could not be validated: " +
                    $"{Redactor.Redact(Innermost(e).Message, _settings.ApiKey)}. ArgilPS never bypasses certificate validation.")
                {
                    Method = request.Method.Method,
                    Path = Redactor.Redact("/" + request.Path, _settings.ApiKey),
                    RecommendedAction = "Check the system clock, the trusted root certificates and any TLS-inspecting proxy.",
                },
            };
        }

        // Refused or unresolved: nothing reached the server, so even a POST may be sent again.
        var notSent = Chain(e).OfType<SocketException>().Any(s =>
            s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain);
        var mayHaveSucceeded = !notSent && !request.IsIdempotent;
        var what = notSent ? "could not connect to" : "lost the connection to";
        return new Outcome
        {
            Retryable = notSent || request.IsIdempotent,
            Failure = new ArgilApiException(ApiFailureKind.ConnectionFailed,
                $"ArgilPS {what} {_settings.BaseUri.Host}:{_settings.BaseUri.Port} during {request.Display}: {Redactor.Redact(Innermost(e).Message, _settings.ApiKey)}")
            {
                Method = request.Method.Method,
                Path = Redactor.Redact("/" + request.Path, _settings.ApiKey),
                MayHaveSucceeded = mayHaveSucceeded,
                RecommendedAction = "Check the network and the base URI (Get-ArgilContext), then run the command again.",
            },
        };
    }

    private ArgilApiException FromStatus(ApiRequest request, ApiResponse response)
    {
        var (apiCode, apiMessage) = ReadErrorBody(response.Body);
        var status = response.StatusCode;
        var kind = status switch
        {
            400 or 422 => ApiFailureKind.InvalidRequest,
            401 => ApiFailureKind.Unauthorized,
            403 => ApiFailureKind.Forbidden,
            404 => ApiFailureKind.NotFound,
            409 => ApiFailureKind.Conflict,
            429 => ApiFailureKind.RateLimited,
            >= 500 => ApiFailureKind.ServerError,
            _ => ApiFailureKind.HttpError,
        };
        var detail = apiMessage is not null ? apiMessage
            : $"the body was not the documented error JSON: {Redactor.Excerpt(response.Body, _settings.ApiKey)}";
        var action = kind switch
        {
            ApiFailureKind.Unauthorized => "Check the key: Connect-Argil -ApiKey (Read-Host -AsSecureString), or $env:ARGIL_API_KEY. Keys are created at https://app.argil.ai/developers and need a paid plan.",
            ApiFailureKind.Forbidden => "The key is valid but may not do this; check the plan and the workspace the key belongs to.",
            ApiFailureKind.RateLimited => "Wait and run the command again, or raise Connect-Argil -MaximumRetryCount.",
            ApiFailureKind.ServerError => "The service had a problem; try again later.",
            _ => null,
        };
        return new ArgilApiException(kind, $"{request.Display} failed with HTTP {status}: {Redactor.Redact(detail, _settings.ApiKey)}")
        {
            StatusCode = status,
            Method = request.Method.Method,
            Path = Redactor.Redact("/" + request.Path, _settings.ApiKey),
            ApiMessage = apiMessage is null ? null : Redactor.Redact(apiMessage, _settings.ApiKey),
            RequestId = RequestIdOf(response),
            RetryAfter = RetryPolicy.ParseRetryAfter(response.Header("Retry-After"), _clock.UtcNow),
            MayHaveSucceeded = status >= 500 && !request.IsIdempotent,
            RecommendedAction = action,
        };
    }

    private ArgilApiException Finish(ArgilApiException failure, ApiRequest request, int attempts, TimeSpan waited, bool retriesExhausted, TimeSpan? waitTooLong = null)
    {
        var message = new StringBuilder(failure.Message.TrimEnd('.')).Append('.');
        if (retriesExhausted && attempts > 1)
            message.Append($" Gave up after {attempts} attempts over {Seconds(waited)} of waiting.");
        if (waitTooLong is { } tooLong)
            message.Append($" The next wait ({Seconds(tooLong)}) would pass the limit of {Seconds(_retry.MaximumTotalWait)} of retry waits.");
        if (failure.Kind == ApiFailureKind.RateLimited && failure.RetryAfter is { } ra)
            message.Append($" The API asked to wait {Seconds(ra)} (Retry-After).");
        if (failure.MayHaveSucceeded)
            message.Append(" The server may have acted on this request before it failed, so it was not sent again.");
        return new ArgilApiException(failure.Kind, Redactor.Redact(message.ToString(), _settings.ApiKey), failure.InnerException)
        {
            StatusCode = failure.StatusCode,
            Method = failure.Method,
            Path = failure.Path,
            ApiMessage = failure.ApiMessage,
            RequestId = failure.RequestId,
            RetryAfter = failure.RetryAfter,
            Attempts = attempts,
            MayHaveSucceeded = failure.MayHaveSucceeded,
            RecommendedAction = failure.RecommendedAction,
        };
    }

    private HttpRequestMessage BuildMessage(ApiRequest request)
    {
        var message = new HttpRequestMessage(request.Method, Target(request));
        message.Headers.TryAddWithoutValidation("x-api-key", _settings.ApiKey.Reveal());
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        if (request.JsonBody is not null)
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        return message;
    }

    /// <summary>
    /// The request's address, which must stay under the base URI: the key goes with every request,
    /// so a path that would lead elsewhere ("//host", "http:host", odd whitespace) is refused here,
    /// in the one place every request passes, whatever cmdlet built it.
    /// </summary>
    internal Uri Target(ApiRequest request)
    {
        var basePath = _settings.BaseUri.AbsolutePath;
        if (request.PathAndQuery.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !Uri.TryCreate(_settings.BaseUri, request.PathAndQuery, out var target)
            || target.Scheme != _settings.BaseUri.Scheme
            || !string.Equals(target.Authority, _settings.BaseUri.Authority, StringComparison.OrdinalIgnoreCase)
            || !target.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal))
        {
            throw new ArgilApiException(ApiFailureKind.InvalidRequest,
                $"The path '{Redactor.Redact(request.Path, _settings.ApiKey)}' does not stay under {_settings.BaseUri}; requests (and the key) go nowhere else.")
            {
                Method = request.Method.Method,
                RecommendedAction = "Give a path relative to the base URI, such as /avatars or /videos/<id>.",
            };
        }
        return target;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null) return "";
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        // Skip a UTF-8 byte order mark, as HttpContent.ReadAsStringAsync does: the JSON reader refuses it.
        var bytes = buffer.GetBuffer();
        var skip = buffer.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, skip, (int)buffer.Length - skip);
    }

    private static Dictionary<string, string> CopyHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in response.Headers) headers[h.Key] = string.Join(", ", h.Value);
        if (response.Content is not null)
            foreach (var h in response.Content.Headers) headers[h.Key] = string.Join(", ", h.Value);
        return headers;
    }

    private static string? RequestIdOf(ApiResponse response) =>
        response.Header("x-request-id") ?? response.Header("request-id") ?? response.Header("cf-ray");

    /// <summary>The API documents errors as { code, message }; read it leniently, whatever else comes.</summary>
    internal static (string? Code, string? Message) ReadErrorBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            string? code = null, message = null;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.NameEquals("code") && p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String) code = p.Value.ToString();
                else if ((p.NameEquals("message") || p.NameEquals("error")) && p.Value.ValueKind == JsonValueKind.String) message ??= p.Value.GetString();
            }
            return (code, string.IsNullOrWhiteSpace(message) ? null : message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private void LogRequest(ApiRequest request, HttpRequestMessage message, IRequestLog log)
    {
        var sb = new StringBuilder();
        sb.Append("HTTP request: ").Append(request.Method.Method).Append(' ').Append(message.RequestUri);
        sb.Append("\n  x-api-key: ").Append(Redactor.Mask);
        sb.Append("\n  Accept: ").Append(request.Accept);
        if (request.JsonBody is not null)
            sb.Append("\n  Content-Type: application/json\n  ").Append(Redactor.Redact(request.JsonBody, _settings.ApiKey, DebugBodyLimit));
        log.Debug(Redactor.Redact(sb.ToString(), _settings.ApiKey));
    }

    private void LogResponse(ApiResponse response, IRequestLog log)
    {
        var sb = new StringBuilder();
        sb.Append("HTTP response: ").Append(response.StatusCode);
        foreach (var h in response.Headers)
        {
            var value = h.Key.Equals("set-cookie", StringComparison.OrdinalIgnoreCase) ? Redactor.Mask : h.Value;
            sb.Append("\n  ").Append(h.Key).Append(": ").Append(value);
        }
        if (response.Body.Length > 0) sb.Append("\n  ").Append(response.Body);
        log.Debug(Redactor.Redact(sb.ToString(), _settings.ApiKey, DebugBodyLimit));
    }

    private static string Describe(ArgilApiException failure) =>
        failure.StatusCode is { } s ? $"HTTP {s}" : failure.Kind == ApiFailureKind.Timeout ? "timed out" : "connection failed";

    internal static string Seconds(TimeSpan t) =>
        t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Removes the key from every line, whatever put it there.</summary>
    private sealed class RedactingLog : IRequestLog
    {
        private readonly IRequestLog _inner;
        private readonly ApiKey _key;

        public RedactingLog(IRequestLog inner, ApiKey key)
        {
            _inner = inner is RedactingLog r ? r._inner : inner;
            _key = key;
        }

        public void Verbose(string message) => _inner.Verbose(Redactor.Redact(message, _key));
        public void Debug(string message) => _inner.Debug(Redactor.Redact(message, _key));
        public void Warning(string message) => _inner.Warning(Redactor.Redact(message, _key));
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }

    private static Exception Innermost(Exception e) => Chain(e).Last();
}

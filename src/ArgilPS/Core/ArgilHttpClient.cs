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

namespace ArgilPS.Core;

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
            if (delay > _retry.MaximumTotalWait - waited) // not waited + delay: a Retry-After of centuries would overflow
                throw Finish(failure, request, attempt, waited, retriesExhausted: true, waitTooLong: delay);

            log.Verbose($"{request.Display}: {Describe(failure)}; retrying in {Seconds(delay)} (retry {attempt} of {_retry.MaximumRetryCount}).");
            await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    /// <summary>
    /// Sends the request and reads its JSON answer into <typeparamref name="T"/> with
    /// <paramref name="parse"/> (a resource's mapper): the one call of a typed operation.
    /// </summary>
    public async Task<T> SendAsync<T>(ApiRequest request, Func<string, T?> parse, IRequestLog log, CancellationToken cancellationToken) where T : class
    {
        var response = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return ReadJson(request, response, parse);
    }

    /// <summary>
    /// Sends a request whose answer is text and not JSON (the subtitle export: text/vtt, text/x-ass),
    /// through the same path as every other (key, retries, logging, redaction, size limit, failures),
    /// asking with <c>Accept: */*</c> (argil-api.md §7.2). The answer's body is the text and its headers
    /// come with it (Content-Type, Content-Disposition). An HTML page (a proxy's or a login page) is an
    /// UnexpectedResponse; failures (404, 400 with the documented error JSON) are as for any request.
    /// </summary>
    public async Task<ApiResponse> SendForTextAsync(ApiRequest request, IRequestLog log, CancellationToken cancellationToken)
    {
        request.Accept = "*/*";
        var response = await SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var contentType = response.Header("Content-Type") ?? "";
        if (contentType.TrimStart().StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || LooksLikeHtmlPage(response.Body))
        {
            throw Fail(request, ApiFailureKind.UnexpectedResponse,
                $"The Argil API answered {request.Display} with an HTML page (HTTP {response.StatusCode}) instead of the text it documents. " +
                $"Body: {Redactor.Excerpt(response.Body, _settings.ApiKey)}",
                response, recommendedAction: "Run the command again later; if it keeps happening, the service or a proxy in between is answering for it.");
        }
        return response;
    }

    private static bool LooksLikeHtmlPage(string body)
    {
        var t = body.TrimStart();
        return t.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || t.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
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
        return Fail(request, ApiFailureKind.UnexpectedResponse,
            $"The Argil API answered {request.Display} with {what} (HTTP {response.StatusCode}) instead of the documented JSON. " +
            $"Body: {Redactor.Excerpt(response.Body, _settings.ApiKey)}",
            response, inner: cause is null ? null : new InvalidDataException(Redactor.Redact(cause.Message, _settings.ApiKey)),
            recommendedAction: "Run the command again later; if it keeps happening, the service or a proxy in between is answering for it.");
    }

    /// <summary>A failure of <paramref name="request"/> through the one factory (<see cref="ApiFailure"/>): named, and without the key.</summary>
    private ArgilApiException Fail(ApiRequest request, ApiFailureKind kind, string message, ApiResponse? response = null, Exception? inner = null,
        string? apiMessage = null, TimeSpan? retryAfter = null, bool mayHaveSucceeded = false, string? recommendedAction = null,
        FailureRemedy remedy = FailureRemedy.None, int? statusCode = null) =>
        ApiFailure.For(request, _settings.ApiKey, kind, message, response, inner, apiMessage, retryAfter, mayHaveSucceeded, recommendedAction, remedy, statusCode);

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
            // Headers only: HttpClient would otherwise buffer the whole body (up to 2 GB) before
            // ReadBodyAsync could apply its limit.
            using var response = await (_http is HttpClient client
                ? client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                : _http.SendAsync(message, timeout.Token)).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, _settings.MaximumResponseBytes, timeout.Token).ConfigureAwait(false);
            var headers = CopyHeaders(response);
            var result = new ApiResponse((int)response.StatusCode, body, headers);
            var requestId = result.RequestId;
            log.Verbose($"{request.Display} -> {result.StatusCode} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms, attempt {attempt}{(requestId is null ? "" : ", request-id " + requestId)})");
            LogResponse(result, log);
            if (result.StatusCode is >= 200 and < 300) return new Outcome { Response = result };
            var failure = FromStatus(request, result);
            var retryable = RetryPolicy.IsRetryableStatus(result.StatusCode) && (request.IsIdempotent || result.StatusCode == 429);
            return new Outcome { Failure = failure, Retryable = retryable };
        }
        catch (ResponseTooLargeException e)
        {
            log.Verbose($"{request.Display} -> {e.StatusCode}, body over the limit of {Size(_settings.MaximumResponseBytes)} ({watch.ElapsedMilliseconds} ms, attempt {attempt})");
            // Not retried: the next answer would be as large. The response (and its connection) is
            // disposed unread, so nothing more of the body is received.
            return new Outcome { Failure = TooLarge(request, e) };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested
            && e is HttpRequestException or IOException or SocketException or ObjectDisposedException)
        {
            // Stopped by the caller (Ctrl+C) while the body was read: the closed response shows as an I/O error.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException
            || timeout.IsCancellationRequested && e is HttpRequestException or IOException or SocketException or ObjectDisposedException)
        {
            log.Verbose($"{request.Display} -> no answer within {_settings.TimeoutSec} s (attempt {attempt})");
            // A timeout is not retried: the caller asked for an answer within TimeoutSec, and for a
            // POST the server may be acting on it right now. A body still trickling in when the
            // time is up ends here too: the limit covers the whole answer, not just its headers.
            return new Outcome
            {
                Failure = Fail(request, ApiFailureKind.Timeout,
                    $"The Argil API did not answer {request.Display} within {_settings.TimeoutSec} seconds (the -TimeoutSec limit).",
                    mayHaveSucceeded: !request.IsIdempotent, remedy: FailureRemedy.RaiseTimeout),
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or ObjectDisposedException)
        {
            log.Verbose($"{request.Display} -> failed: {Redactor.Redact(Innermost(e).Message, _settings.ApiKey)} ({watch.ElapsedMilliseconds} ms, attempt {attempt})");
            return FromTransportFailure(request, e);
        }
    }

    private ArgilApiException TooLarge(ApiRequest request, ResponseTooLargeException e)
    {
        var limit = Size(_settings.MaximumResponseBytes);
        var what = e.ContentLength is { } declared
            ? $"a body of {declared.ToString("N0", CultureInfo.InvariantCulture)} bytes (its Content-Length), more than the {limit} that ArgilPS reads of one answer; none of it was read"
            : $"a body longer than the {limit} that ArgilPS reads of one answer; it stopped reading there";
        return Fail(request, ApiFailureKind.UnexpectedResponse,
            $"The Argil API answered {request.Display} with {what} (HTTP {e.StatusCode}).",
            statusCode: e.StatusCode, remedy: FailureRemedy.AskForLess);
    }

    internal static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>An answer larger than <see cref="ArgilClientSettings.MaximumResponseBytes"/>.</summary>
    private sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(int statusCode, long? contentLength)
        {
            StatusCode = statusCode;
            ContentLength = contentLength;
        }

        public int StatusCode { get; }
        public long? ContentLength { get; }
    }

    private Outcome FromTransportFailure(ApiRequest request, Exception e)
    {
        if (Chain(e).Any(x => x is AuthenticationException))
        {
            return new Outcome
            {
                Failure = Fail(request, ApiFailureKind.CertificateError,
                    $"The connection to {_settings.BaseUri.Host} was refused because its TLS certificate could not be validated: " +
                    $"{Innermost(e).Message}. ArgilPS never bypasses certificate validation.",
                    recommendedAction: "Check the system clock, the trusted root certificates and any TLS-inspecting proxy."),
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
            Failure = Fail(request, ApiFailureKind.ConnectionFailed,
                $"ArgilPS {what} {_settings.BaseUri.Host}:{_settings.BaseUri.Port} during {request.Display}: {Innermost(e).Message}",
                mayHaveSucceeded: mayHaveSucceeded, remedy: FailureRemedy.CheckConnection),
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
        if (status is >= 300 and < 400)
        {
            var location = response.Header("Location");
            detail = (location is null ? "it was a redirect, without a Location" : $"it was a redirect to {ShowLocation(location)}") +
                     $"; ArgilPS never follows redirects, because the API key must not leave {_settings.BaseUri}";
        }
        var action = kind switch
        {
            ApiFailureKind.Forbidden => "The key is valid but may not do this; check the plan and the workspace the key belongs to.",
            ApiFailureKind.ServerError => "The service had a problem; try again later.",
            _ => null,
        };
        var remedy = kind switch
        {
            ApiFailureKind.Unauthorized => FailureRemedy.CheckKey,
            ApiFailureKind.RateLimited => FailureRemedy.RaiseRetries,
            _ when status is >= 300 and < 400 => FailureRemedy.CheckBaseUriRedirect,
            _ => FailureRemedy.None,
        };
        return Fail(request, kind, $"{request.Display} failed with HTTP {status}: {detail}", response,
            apiMessage: apiMessage,
            retryAfter: RetryPolicy.ParseRetryAfter(response.Header("Retry-After"), _clock.UtcNow),
            mayHaveSucceeded: status >= 500 && !request.IsIdempotent,
            recommendedAction: action, remedy: remedy);
    }

    /// <summary>
    /// A redirect's target as it may be shown: no user name or password, no query (it may carry
    /// tokens), no fragment, and the key removed wherever it is.
    /// </summary>
    private string ShowLocation(string location)
    {
        if (!Uri.TryCreate(_settings.BaseUri, location, out var uri)) return "'" + Redactor.Redact(location, _settings.ApiKey, 200) + "'";
        var shown = EndpointRules.Display(new UriBuilder(uri) { Query = "", Fragment = "" }.Uri);
        if (uri.Query.Length > 1) shown += "?…";
        return Redactor.Redact(shown, _settings.ApiKey, 300);
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
        return failure.Retell(Redactor.Redact(message.ToString(), _settings.ApiKey), attempts);
    }

    private HttpRequestMessage BuildMessage(ApiRequest request)
    {
        var message = new HttpRequestMessage(request.Method, Target(request));
        message.Headers.TryAddWithoutValidation("x-api-key", _settings.ApiKey.Reveal());
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        if (request.JsonBody is not null)
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        else if (HandlerRetriesBodylessRequests)
            message.Content = new ByteArrayContent(Array.Empty<byte>());
        return message;
    }

    /// <summary>
    /// On .NET (Core), SocketsHttpHandler sends a request without content up to three more times
    /// by itself when a connection closes before any byte of the answer (new connection or not), so
    /// one dropped GET went out 4 times per attempt of ours, 16 times for 4 attempts, without any
    /// back-off. It does so only for requests without content, so every request carries content: an
    /// empty one ("Content-Length: 0") for GET and DELETE. Then the attempts on the wire are exactly
    /// ours. On .NET Framework (Windows PowerShell 5.1) the handler is HttpWebRequest, which
    /// refuses content on a GET, so requests stay as they are there; whatever resending it does
    /// on a failed kept-alive connection is not bounded by this.
    /// </summary>
    internal static readonly bool HandlerRetriesBodylessRequests =
        !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The request's address, which must stay under the base URI: the key goes with every request,
    /// so the one path rule (<see cref="RequestPath"/>) is applied here, in the one place every
    /// request passes, whatever cmdlet built it.
    /// </summary>
    internal Uri Target(ApiRequest request)
    {
        var rule = RequestPath.Resolve(_settings.BaseUri, "/" + request.PathAndQuery, out var target); // as the user wrote it: "//host" stays "//host"
        if (rule is null) return target!;
        throw Fail(request, ApiFailureKind.InvalidRequest,
            $"The path '{request.Path}' cannot be sent: {rule}; requests (and the key) go nowhere but under {_settings.BaseUri}.",
            recommendedAction: "Give a path relative to the base URI, such as /avatars or /videos/<id>.");
    }

    /// <summary>
    /// Reads the body, at most <paramref name="limit"/> bytes: a Content-Length over the limit fails
    /// before reading, and a body without one (chunked, or until the connection closes) fails as
    /// soon as it passes the limit, so an endless answer costs at most the limit in memory.
    /// </summary>
    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (response.Content is null) return "";
        var status = (int)response.StatusCode;
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit) throw new ResponseTooLargeException(status, declared);
        // Some handlers (.NET Framework's) do not watch the token while a body is read: closing the
        // response ends a read that is waiting for bytes that do not come.
        using var closeOnCancel = cancellationToken.Register(response.Dispose);
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = declared is > 0 and <= 16 * 1024 * 1024 ? new MemoryStream((int)declared.Value) : new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                if (buffer.Length + read > limit) throw new ResponseTooLargeException(status, null);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        cancellationToken.ThrowIfCancellationRequested();
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
        var text = Redactor.Redact(sb.ToString(), _settings.ApiKey);
        // The body is cut before it is scanned: a large answer costs no more than what is shown.
        if (response.Body.Length > 0) text += "\n  " + Redactor.Redact(response.Body, _settings.ApiKey, Math.Max(200, DebugBodyLimit - text.Length));
        log.Debug(text);
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

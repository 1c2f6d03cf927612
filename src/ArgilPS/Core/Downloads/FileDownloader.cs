using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Core.Downloads;

/// <summary>How far a download is: bytes written so far, and the whole size when the server said it.</summary>
internal readonly struct DownloadProgress
{
    public DownloadProgress(long bytesDone, long? totalBytes)
    {
        BytesDone = bytesDone;
        TotalBytes = totalBytes;
    }

    public long BytesDone { get; }
    public long? TotalBytes { get; }

    /// <summary>0 to 100 when the size is known, else null.</summary>
    public int? Percent => TotalBytes is long t && t > 0 ? (int)Math.Min(100, BytesDone * 100 / t) : null;
}

/// <summary>
/// Streams a file from an absolute URL (a rendered video's address, which the API gives) to disk.
/// <list type="bullet">
/// <item>Memory stays flat whatever the size: one fixed buffer, the body is never held.</item>
/// <item>The body goes to a unique temporary file beside the target (<c>name.mp4.1a2b3c4d.partial</c>), renamed to
/// the target only when all of it arrived (as many bytes as a Content-Length said); on any failure, or
/// Ctrl+C, that file is deleted, so no file that looks complete is left.</item>
/// <item>The target is never overwritten unless asked.</item>
/// <item>The API key is never sent: the download goes through its own HttpClient, which has no
/// x-api-key header, no cookies and no automatic redirect; redirects are followed here, each address
/// checked again (https, or http on loopback; no user name or password).</item>
/// <item>TimeoutSec of the session bounds the wait for the answer and every stall of the body (no byte for
/// that long), not the whole download: a large file on a slow line may take longer, as long as it moves.</item>
/// <item>Retries: a failure before the answer began (no connection, or 429/502/503/504) is retried with the
/// session's retry settings and back-off, as for any GET; a stall, or a connection lost in the middle of the
/// body, is not: the file is then reported as incomplete, named, and nothing of it is kept.</item>
/// </list>
/// The address comes from the server and is treated as hostile: it is checked before anything is sent,
/// and shown in messages only without its query (a signed link's token is a credential) and redacted.
/// </summary>
internal sealed class FileDownloader
{
    /// <summary>The one buffer a download uses.</summary>
    public const int BufferSize = 81920;

    /// <summary>Redirects followed before giving up.</summary>
    public const int MaximumRedirects = 10;

    /// <summary>Progress is reported at least every this many bytes (and at the start and the end).</summary>
    public const long ProgressStep = 512 * 1024;

    private readonly ArgilClientSettings _settings;
    private readonly IClock _clock;
    private readonly Func<Uri, HttpMessageInvoker> _httpFor;
    private readonly RetryPolicy _retry;

    /// <param name="settings">The session's settings: its timeout and retry settings apply; its key is only used to keep it out of messages.</param>
    /// <param name="clock">The clock the retry waits go through.</param>
    /// <param name="httpFor">The HTTP stack for an address; by default one without the key, cookies or redirects (tests give their own).</param>
    /// <param name="random">The jitter of the back-off.</param>
    public FileDownloader(ArgilClientSettings settings, IClock clock, Func<Uri, HttpMessageInvoker>? httpFor = null, Random? random = null)
    {
        _settings = settings;
        _clock = clock;
        _httpFor = httpFor ?? DownloadHttp.For;
        _retry = new RetryPolicy(settings.MaximumRetryCount, settings.RetryIntervalSec, settings.MaximumRetryWait, random);
    }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="targetPath"/> and returns the file.
    /// Throws a <see cref="DownloadException"/> for every failure, an OperationCanceledException when cancelled.
    /// </summary>
    public async Task<FileInfo> DownloadAsync(string url, string targetPath, bool overwrite, Action<DownloadProgress>? progress,
        IRequestLog log, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(targetPath);
        var source = Parse(url, target);
        if (Directory.Exists(target))
            throw Fail(DownloadFailureKind.TargetExists, $"Cannot save to '{target}': it is a folder.", target);
        if (!overwrite && File.Exists(target))
            throw Fail(DownloadFailureKind.TargetExists, $"The file '{target}' exists already; it was not overwritten.", target);
        cancellationToken.ThrowIfCancellationRequested();

        using var response = await OpenAsync(source, target, log, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(response, target, overwrite, progress, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rule an address breaks for a download, or null.</summary>
    public static string? CheckUrl(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return "it is not an absolute URL";
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            return $"the scheme '{uri.Scheme}' is not downloaded; only https:// (and http:// on loopback) is";
        if (string.IsNullOrEmpty(uri.Host)) return "it has no host";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "it contains a user name or password";
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            return "plain http:// is downloaded only from loopback addresses; the address must be https://";
        return null;
    }

    /// <summary>An address as messages show it: no user name or password, no query (a signed link's token), no key.</summary>
    public string Show(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return "'" + Redactor.Redact(EndpointRules.DisplayText(uri.OriginalString), _settings.ApiKey, 200) + "'";
        var shown = EndpointRules.Display(new UriBuilder(uri) { Query = "", Fragment = "" }.Uri);
        if (uri.Query.Length > 1) shown += "?…";
        return Redactor.Redact(shown, _settings.ApiKey, 300);
    }

    private Uri Parse(string url, string target)
    {
        if (string.IsNullOrWhiteSpace(url))
            throw Fail(DownloadFailureKind.InvalidUrl, $"There is no address to download '{target}' from.", target);
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw Fail(DownloadFailureKind.InvalidUrl,
                $"The download address '{Redactor.Redact(Visible(EndpointRules.DisplayText(url)), _settings.ApiKey, 200)}' for '{target}' is not a usable URL.", target);
        }
        if (CheckUrl(uri) is { } rule)
            throw Fail(DownloadFailureKind.InvalidUrl, $"The download address {Show(uri)} for '{target}' cannot be used: {rule}.", target);
        return uri;
    }

    /// <summary>Sends the GET (following redirects, retrying what may be retried) until an answer with a body begins.</summary>
    private async Task<HttpResponseMessage> OpenAsync(Uri source, string target, IRequestLog log, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (response, failure, retryable, retryAfter) = await FollowAsync(source, target, log, cancellationToken).ConfigureAwait(false);
            if (response is not null) return response;

            if (!retryable || attempt > _retry.MaximumRetryCount)
                throw Retold(failure!, attempt, retryable && attempt > 1 ? $" Gave up after {attempt} attempts." : "");
            var delay = _retry.Backoff(attempt, retryAfter);
            if (delay > _retry.MaximumTotalWait - waited)
                throw Retold(failure!, attempt, $" The next wait ({ArgilHttpClient.Seconds(delay)}) would pass the limit of {ArgilHttpClient.Seconds(_retry.MaximumTotalWait)} of retry waits.");
            log.Verbose($"{failure!.Message} Retrying in {ArgilHttpClient.Seconds(delay)} (retry {attempt} of {_retry.MaximumRetryCount}).");
            await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    private static DownloadException Retold(DownloadException failure, int attempts, string addition) =>
        new(failure.Kind, failure.Message + addition, failure.FilePath, failure.InnerException, failure.StatusCode) { Attempts = attempts };

    private async Task<(HttpResponseMessage? Response, DownloadException? Failure, bool Retryable, TimeSpan? RetryAfter)> FollowAsync(
        Uri source, string target, IRequestLog log, CancellationToken cancellationToken)
    {
        var current = source;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("Accept", "*/*");
            log.Verbose($"Download: GET {Show(current)}");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_settings.TimeoutSec > 0) timeout.CancelAfter(TimeSpan.FromSeconds(_settings.TimeoutSec));
            HttpResponseMessage response;
            try
            {
                var http = _httpFor(current);
                response = await (http is HttpClient client
                    ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                    : http.SendAsync(request, timeout.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && IsTransport(e))
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException || timeout.IsCancellationRequested && IsTransport(e))
            {
                return (null, Fail(DownloadFailureKind.Stalled,
                    $"The download of '{target}' from {Show(current)} got no answer within {_settings.TimeoutSec} seconds (the -TimeoutSec limit).", target), false, null);
            }
            catch (Exception e) when (IsTransport(e))
            {
                return (null, Fail(DownloadFailureKind.ConnectionFailed,
                    $"The download of '{target}' could not reach {Show(current)}: {Redactor.Redact(Innermost(e).Message, _settings.ApiKey, 300)}.", target, e), true, null);
            }

            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return (response, null, false, null);

            using (response)
            {
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    var location = response.Headers.Location;
                    if (location is null)
                        return (null, Fail(DownloadFailureKind.BadRedirect, $"The download of '{target}' from {Show(current)} was redirected (HTTP {status}) without a Location.", target, statusCode: status), false, null);
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (CheckUrl(next) is { } rule)
                        return (null, Fail(DownloadFailureKind.InvalidUrl, $"The download of '{target}' from {Show(current)} was redirected to {Show(next)}, which is not followed: {rule}.", target, statusCode: status), false, null);
                    if (hop >= MaximumRedirects)
                        return (null, Fail(DownloadFailureKind.BadRedirect, $"The download of '{target}' was redirected more than {MaximumRedirects} times (last to {Show(next)}).", target, statusCode: status), false, null);
                    log.Verbose($"Download: HTTP {status}, redirected to {Show(next)}");
                    current = next;
                    continue;
                }

                var retryAfter = RetryPolicy.ParseRetryAfter(response.Headers.RetryAfter?.ToString(), _clock.UtcNow);
                var what = status switch
                {
                    403 => "access was denied (the link may have expired)",
                    404 or 410 => "there is no file there (the link may have expired)",
                    _ => $"HTTP {status} {Redactor.Redact(response.ReasonPhrase, _settings.ApiKey, 100)}".TrimEnd(),
                };
                return (null, Fail(DownloadFailureKind.HttpStatus,
                    $"The download of '{target}' from {Show(current)} failed: {what} (HTTP {status}).", target, statusCode: status),
                    RetryPolicy.IsRetryableStatus(status), retryAfter);
            }
        }
    }

    private async Task<FileInfo> SaveAsync(HttpResponseMessage response, string target, bool overwrite, Action<DownloadProgress>? progress,
        IRequestLog log, CancellationToken cancellationToken)
    {
        var total = response.Content?.Headers.ContentLength;
        var partial = target + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";
        log.Verbose($"Download: writing {(total is { } t ? ArgilHttpClient.Size(t) : "a body of unknown length")} to '{partial}'.");
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Some handlers (.NET Framework's) do not watch the token while a body is read: closing the
        // response ends a read that waits for bytes that do not come.
        using var closeOnCancel = stall.Token.Register(response.Dispose);
        var moved = false;
        long done = 0;
        try
        {
            using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.None))
            {
                if (response.Content is not null)
                {
                    using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    var buffer = new byte[BufferSize];
                    progress?.Invoke(new DownloadProgress(0, total));
                    var nextReport = ProgressStep;
                    while (true)
                    {
                        if (_settings.TimeoutSec > 0) stall.CancelAfter(TimeSpan.FromSeconds(_settings.TimeoutSec));
                        int read;
                        try
                        {
                            read = await body.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            throw;
                        }
                        catch (Exception e) when (cancellationToken.IsCancellationRequested && IsTransport(e))
                        {
                            throw new OperationCanceledException(cancellationToken);
                        }
                        catch (Exception e) when (e is OperationCanceledException || stall.IsCancellationRequested && IsTransport(e))
                        {
                            throw Fail(DownloadFailureKind.Stalled,
                                $"The download of '{target}' stalled: no data for {_settings.TimeoutSec} seconds (the -TimeoutSec limit) after {Received(done, total)}. The incomplete file was deleted.", target);
                        }
                        catch (Exception e) when (IsTransport(e))
                        {
                            throw Fail(DownloadFailureKind.Truncated,
                                $"The download of '{target}' was interrupted after {Received(done, total)}: {Redactor.Redact(Innermost(e).Message, _settings.ApiKey, 300)}. The incomplete file was deleted.", target, e);
                        }
                        if (read == 0) break;
                        file.Write(buffer, 0, read);
                        done += read;
                        if (done >= nextReport)
                        {
                            progress?.Invoke(new DownloadProgress(done, total));
                            nextReport = done + ProgressStep;
                        }
                    }
                }
                if (total is { } expected && done != expected)
                {
                    throw Fail(DownloadFailureKind.Truncated,
                        $"The download of '{target}' ended after {Received(done, total)}: the server sent {(done < expected ? "less" : "more")} than its Content-Length. The incomplete file was deleted.", target);
                }
                file.Flush(flushToDisk: true);
            }
            stall.CancelAfter(Timeout.InfiniteTimeSpan);

            try
            {
                if (overwrite && File.Exists(target)) File.Delete(target);
                File.Move(partial, target);
            }
            catch (IOException) when (File.Exists(target))
            {
                throw Fail(DownloadFailureKind.TargetExists,
                    $"The file '{target}' appeared while it was downloaded; it was not overwritten, and the download was deleted.", target);
            }
            moved = true;
            progress?.Invoke(new DownloadProgress(done, total ?? done));
            log.Verbose($"Download: saved {ArgilHttpClient.Size(done)} as '{target}'.");
            return new FileInfo(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            throw Fail(DownloadFailureKind.FileSystem,
                $"The download could not be written to '{target}': {Redactor.Redact(e.Message, _settings.ApiKey, 300)}", target, e);
        }
        finally
        {
            if (!moved) TryDelete(partial);
        }
    }

    /// <summary>Control characters of a hostile address shown as \uXXXX, so a message stays one line.</summary>
    private static string Visible(string text) =>
        new(text.SelectMany(c => char.IsControl(c) ? ("\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)).ToCharArray() : new[] { c }).ToArray());

    private static string Received(long done, long? total) =>
        total is { } t
            ? $"{done.ToString("N0", CultureInfo.InvariantCulture)} of {t.ToString("N0", CultureInfo.InvariantCulture)} bytes"
            : $"{done.ToString("N0", CultureInfo.InvariantCulture)} bytes (the server gave no length)";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name ends in .partial, so it does not look complete.
        }
    }

    private DownloadException Fail(DownloadFailureKind kind, string message, string target, Exception? inner = null, int? statusCode = null) =>
        new(kind, Redactor.Redact(message, _settings.ApiKey), target, inner is null ? null : new IOException(Redactor.Redact(Innermost(inner).Message, _settings.ApiKey)), statusCode);

    private static bool IsTransport(Exception e) => e is HttpRequestException or IOException or SocketException or ObjectDisposedException or WebException;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

/// <summary>
/// The HTTP stack of downloads, apart from the API's: it never carries the key (no default header
/// holds it), sends no cookies and follows no redirect by itself (FileDownloader checks each one).
/// Loopback goes direct, everything else through the system proxy, as for the API.
/// </summary>
internal static class DownloadHttp
{
    private static readonly Lazy<HttpClient> ThroughProxy = new(() => Create(useProxy: true), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<HttpClient> Direct = new(() => Create(useProxy: false), LazyThreadSafetyMode.ExecutionAndPublication);

    public static HttpMessageInvoker For(Uri uri) => uri.IsLoopback ? Direct.Value : ThroughProxy.Value;

    private static HttpClient Create(bool useProxy)
    {
        var handler = new HttpClientHandler
        {
            UseProxy = useProxy,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseDefaultCredentials = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(HttpClientCache.UserAgent);
        return client;
    }
}

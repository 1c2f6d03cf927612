using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Sandbox;

/// <summary>
/// An emulator of the Argil API on a loopback port, in the module's own process: it keeps state in
/// memory, checks the key, validates bodies as the documentation says, moves avatars through their
/// statuses on its clock, keeps a journal and can be told to fail. A request goes: key check,
/// bounded body, journal, faults, then the route table (<see cref="SandboxRouteTable"/>) to the
/// resource that answers it. Any local process can reach the
/// port, so only requests with its random key are read, journalled and answered by faults, and no
/// body is read beyond <see cref="MaxBodyBytes"/>.
/// </summary>
internal sealed partial class SandboxServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<SandboxFault> _faults = new();
    private readonly List<SandboxRequest> _journal = new();
    private readonly HashSet<HttpListenerContext> _inFlight = new();
    private bool _disposed;
    private readonly SandboxRouteTable _routes = new();
    private readonly Task _loop;
    private readonly HttpListener _files;
    private readonly Task _filesLoop;

    private SandboxServer(HttpListener listener, Uri baseUri, HttpListener files, Uri filesUri, string apiKey, SandboxClock clock, SandboxOptions options)
    {
        _listener = listener;
        _files = files;
        BaseUri = baseUri;
        FilesUri = filesUri;
        ApiKey = apiKey;
        Clock = clock;
        Options = options;
        // The resources of the emulated API: adding one is a file that adds its routes, and a line here.
        Avatars = Add(new SandboxAvatars(options, () => Clock.UtcNow));
        Videos = Add(new SandboxVideos(options, () => Clock.UtcNow, Avatars, FilesUri));
        Subtitles = Add(new SandboxSubtitles(Videos));
        _loop = Task.Run(() => AcceptLoop(_listener, HandleAsync));
        _filesLoop = Task.Run(() => AcceptLoop(_files, HandleFileAsync));
    }

    public Uri BaseUri { get; }

    /// <summary>
    /// Where the file host serves rendered videos: another loopback port (another origin than
    /// <see cref="BaseUri"/>), which takes no key, journals whether one was sent, and shares the
    /// faults of the API.
    /// </summary>
    public Uri FilesUri { get; }
    public string ApiKey { get; }
    public SandboxClock Clock { get; }
    public SandboxOptions Options { get; }
    public SandboxAvatars Avatars { get; }
    public SandboxVideos Videos { get; }
    public SandboxSubtitles Subtitles { get; }

    /// <summary>Every route the sandbox answers, as "METHOD /template".</summary>
    public IReadOnlyList<string> Routes => _routes.Routes;

    private T Add<T>(T resource) where T : ISandboxResource
    {
        resource.AddRoutes(_routes);
        return resource;
    }

    /// <summary>Starts a sandbox on a free loopback port.</summary>
    public static SandboxServer Start(string? apiKey = null, SandboxTimeMode timeMode = SandboxTimeMode.Accelerated, SandboxOptions? options = null)
    {
        apiKey ??= "sandbox-" + RandomHex(16);
        var (listener, port) = Listen();
        HttpListener files;
        int filesPort;
        try
        {
            (files, filesPort) = Listen();
        }
        catch
        {
            listener.Close();
            throw;
        }
        // The file host's paths start with a random token: like the API's key, it keeps other local
        // processes from using up faults or filling the journal, and it is no credential of the API.
        var filesUri = new Uri($"http://{LoopbackHost}:{filesPort}/files/{RandomHex(12)}/");
        return new SandboxServer(listener, new Uri($"http://{LoopbackHost}:{port}/v1/"), files, filesUri, apiKey, new SandboxClock(timeMode), options ?? new SandboxOptions());
    }

    /// <summary>A started listener on a free loopback port.</summary>
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://{LoopbackHost}:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind; take another.
                listener.Close();
            }
        }
    }

    /// <summary>
    /// On Windows the listener is http.sys, which lets a user without admin rights listen on
    /// "localhost" only, not on "127.0.0.1"; elsewhere the address avoids a name lookup per connection.
    /// </summary>
    private static string LoopbackHost =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows) ? "localhost" : "127.0.0.1";

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static string RandomHex(int bytes)
    {
        var data = new byte[bytes];
        using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(data);
        return string.Concat(data.Select(b => b.ToString("x2")));
    }

    public void AddFault(SandboxFault fault)
    {
        if (fault.Count < 1) throw new ArgumentOutOfRangeException(nameof(fault), "A fault applies to at least one request.");
        lock (_gate) _faults.Add(fault);
    }

    public IReadOnlyList<SandboxFault> Faults
    {
        get { lock (_gate) return _faults.ToList(); }
    }

    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    public IReadOnlyList<SandboxRequest> Journal
    {
        get { lock (_gate) return _journal.ToList(); }
    }

    public void ClearJournal()
    {
        lock (_gate) _journal.Clear();
    }

    /// <summary>Raised after each request is journalled, so a test can wait for a request without sleeping.</summary>
    public event Action<SandboxRequest>? RequestHandled;

    /// <summary>Raised when a request with the key has arrived and been read, before any fault or answer.</summary>
    public event Action<SandboxRequest>? RequestReceived;

    private async Task AcceptLoop(HttpListener listener, Func<HttpListenerContext, Task> handle)
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested || !listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }
            lock (_gate)
            {
                if (_disposed) { Drop(context); return; }
                _inFlight.Add(context);
            }
            _ = Task.Run(async () =>
            {
                try { await handle(context).ConfigureAwait(false); }
                finally { lock (_gate) _inFlight.Remove(context); }
            });
        }
    }

    /// <summary>
    /// The largest request body the sandbox reads, in bytes: 32 MiB, well above the largest body the
    /// API takes (a 10 MB image sent inline as base64 is about 14 MB of JSON). Larger bodies are
    /// answered 413 without being kept.
    /// </summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    internal const string UnauthorizedMessage = "Unauthorized: missing or invalid x-api-key";

    private async Task HandleAsync(HttpListenerContext context)
    {
        // Any local process can reach the port: a request without the sandbox's key is answered
        // before anything else, its body is never kept, it is not journalled and it uses up no
        // fault. Its connection is closed after the answer.
        if (!HasKey(context.Request.Headers["x-api-key"]))
        {
            await RefuseAsync(context, 401, UnauthorizedMessage, drain: true).ConfigureAwait(false);
            return;
        }

        var entry = new SandboxRequest { Time = Clock.UtcNow, Method = context.Request.HttpMethod, KeyCheck = "valid", ApiKeyHeaderPresent = true, ApiKeySent = true };
        try
        {
            var rawPath = context.Request.Url?.AbsolutePath ?? "/";
            var path = rawPath.StartsWith("/v1/", StringComparison.Ordinal) ? rawPath.Substring(3) : rawPath;
            var query = (context.Request.Url?.Query ?? "").TrimStart('?');
            // The journal is shown to users (Get-ArgilSandboxRequest): a key sent by mistake in a
            // path, query or body is masked there like everywhere else. Routing uses the real values.
            entry.Path = Mask(path);
            entry.Query = Mask(query);
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            if (body is null)
            {
                // Too large: refused before any fault, journalled without its body.
                entry.StatusCode = 413;
                Record(entry);
                await RefuseAsync(context, 413, TooLargeMessage, drain: false).ConfigureAwait(false);
                return;
            }
            entry.Body = Mask(body);
            RequestReceived?.Invoke(entry);

            // Each Delay fault holds this request once (a count of N delays N requests), and then
            // the next fault, if any, answers it.
            var applied = new HashSet<SandboxFault>();
            var fault = TakeFault(entry.Method, entry.Path, applied);
            while (fault is { Kind: SandboxFaultKind.Delay })
            {
                entry.Fault = Describe(entry.Fault, fault);
                await Task.Delay(fault.Delay, _stopping.Token).ConfigureAwait(false);
                fault = TakeFault(entry.Method, entry.Path, applied);
            }
            if (fault is not null && fault.Kind != SandboxFaultKind.Truncate)
            {
                entry.Fault = Describe(entry.Fault, fault);
                await AnswerFaultAsync(context, fault, entry, Record).ConfigureAwait(false);
                return;
            }

            // A Truncate fault lets the request do what it does (a POST creates), and cuts its answer.
            var answer = Route(entry.Method, path, query, body, rawPath);
            entry.StatusCode = answer.Status;
            if (fault is not null) entry.Fault = Describe(entry.Fault, fault);
            Record(entry);
            await WriteAsync(context, answer.Status, answer.Body, answer.ContentType, null, answer.Headers, truncate: fault is not null).ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            Drop(context); // stopped: requests still held end without an answer
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away mid-answer (a timeout on its side): nothing to do.
            Abort(context);
        }
        finally
        {
            Record(entry); // for a request that failed before it was answered
        }
    }

    /// <summary>
    /// Answers with an error and closes the connection. With <paramref name="drain"/>, an unread body
    /// of at most <see cref="MaxBodyBytes"/> is read and thrown away first (for at most
    /// <see cref="DrainTime"/>), so that a client still sending it sees the answer rather than a
    /// reset connection: a script with a wrong key gets Unauthorized, as from the real API.
    /// </summary>
    private async Task RefuseAsync(HttpListenerContext context, int status, string message, bool drain)
    {
        try
        {
            var response = context.Response;
            response.StatusCode = status;
            response.KeepAlive = false;
            response.ContentType = "application/json; charset=utf-8";
            response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
            var bytes = Encoding.UTF8.GetBytes(SandboxAnswer.ErrorJson(status, message));
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            await response.OutputStream.FlushAsync().ConfigureAwait(false);
            if (drain && !await DrainAsync(context.Request).ConfigureAwait(false))
            {
                Abort(context);
                return;
            }
            response.Close();
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            Abort(context);
        }
    }

    /// <summary>How long a refused request's body is read and thrown away, at most.</summary>
    internal static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads and discards the body of a refused request, keeping nothing. Returns false when it is
    /// larger than <see cref="MaxBodyBytes"/> (by its Content-Length, or as read) or slower than
    /// <see cref="DrainTime"/>: the connection is then cut.
    /// </summary>
    private async Task<bool> DrainAsync(HttpListenerRequest request)
    {
        if (request.ContentLength64 > MaxBodyBytes) return false;
        var chunk = new byte[81920];
        var input = request.InputStream;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timer.CancelAfter(DrainTime);
        var expired = Task.Delay(Timeout.Infinite, timer.Token);
        long total = 0;
        while (true)
        {
            var read = input.ReadAsync(chunk, 0, chunk.Length);
            if (await Task.WhenAny(read, expired).ConfigureAwait(false) != read)
            {
                _ = read.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                return false;
            }
            var n = await read.ConfigureAwait(false);
            if (n == 0) return true;
            total += n;
            if (total > MaxBodyBytes) return false;
        }
    }

    internal static readonly string TooLargeMessage =
        $"Request body too large: the sandbox reads at most {MaxBodyBytes} bytes ({MaxBodyBytes / (1024 * 1024)} MiB)";

    /// <summary>Whether the x-api-key header is the sandbox's key, compared in constant time.</summary>
    private bool HasKey(string? key)
    {
        if (key is null || ApiKey.Length == 0) return false;
        var sent = Encoding.UTF8.GetBytes(key);
        var expected = Encoding.UTF8.GetBytes(ApiKey);
        var difference = sent.Length ^ expected.Length;
        for (var i = 0; i < sent.Length; i++) difference |= sent[i] ^ expected[i % expected.Length];
        return difference == 0;
    }

    /// <summary>
    /// The body as text, or null when it is larger than <see cref="MaxBodyBytes"/>: refused on its
    /// Content-Length before reading, or as soon as the bytes read pass the limit (a chunked body).
    /// </summary>
    private async Task<string?> ReadBodyAsync(HttpListenerRequest request)
    {
        if (request.ContentLength64 > MaxBodyBytes) return null;
        using var buffered = new MemoryStream();
        var chunk = new byte[81920];
        var input = request.InputStream;
        int read;
        while ((read = await input.ReadAsync(chunk, 0, chunk.Length, _stopping.Token).ConfigureAwait(false)) > 0)
        {
            if (buffered.Length + read > MaxBodyBytes) return null;
            buffered.Write(chunk, 0, read);
        }
        buffered.Position = 0;
        using var reader = new StreamReader(buffered, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Journals the request before its answer leaves, so a client that has its answer can count on
    /// finding the request in the journal. Idempotent per entry.
    /// </summary>
    private void Record(SandboxRequest entry)
    {
        lock (_gate)
        {
            if (entry.Sequence != 0) return;
            entry.Sequence = _journal.Count + 1;
            _journal.Add(entry);
        }
        RequestHandled?.Invoke(entry);
    }

    private static string Describe(string? previous, SandboxFault fault) =>
        previous is null ? fault.LastDescription : previous + "; " + fault.LastDescription;

    private SandboxFault? TakeFault(string method, string path, HashSet<SandboxFault> applied)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Count > 0 && !applied.Contains(f) && f.Matches(method, path));
            if (fault is null) return null;
            applied.Add(fault);
            fault.LastDescription = fault.ToString();
            fault.Count--;
            fault.Hits++;
            if (fault.Count == 0) _faults.Remove(fault);
            return fault;
        }
    }

    private static async Task AnswerFaultAsync(HttpListenerContext context, SandboxFault fault, SandboxRequest entry, Action<SandboxRequest> record)
    {
        switch (fault.Kind)
        {
            case SandboxFaultKind.Drop:
                entry.StatusCode = 0;
                record(entry);
                Drop(context);
                return;
            case SandboxFaultKind.MalformedJson:
                entry.StatusCode = 200;
                record(entry);
                await WriteAsync(context, 200, fault.Body ?? "{\"id\": \"3c90c3cc-0d44-4b50-8888-8dd25736052a\", \"name\": \"trunc", "application/json", null).ConfigureAwait(false);
                return;
            case SandboxFaultKind.Body:
                entry.StatusCode = fault.StatusCode;
                record(entry);
                await WriteAsync(context, fault.StatusCode, fault.Body ?? "", fault.ContentType, fault.RetryAfter).ConfigureAwait(false);
                return;
            default:
                entry.StatusCode = fault.StatusCode;
                record(entry);
                var body = fault.Body ?? SandboxAnswer.ErrorJson(fault.StatusCode, ReasonOf(fault.StatusCode));
                await WriteAsync(context, fault.StatusCode, body, fault.ContentType, fault.RetryAfter).ConfigureAwait(false);
                return;
        }
    }

    private static string ReasonOf(int status) => status switch
    {
        429 => "Too many requests",
        500 => "Unexpected error",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Sandbox fault",
    };

    private string Mask(string text) => ArgilPS.Core.Redactor.MaskKey(text, ApiKey);

    /// <summary>
    /// The answer of the emulated API. An unknown path is 404 with the documented Error body. A
    /// known path with another method (DELETE /avatars/{id}) is 404 too, not 405: the reference
    /// documents no 405 (only 400 and 404 with <c>{code, message}</c>), and the Node frameworks such
    /// APIs run on answer an unrouted method with 404; the message names the methods the path takes.
    /// A handler that fails answers 500 "Unexpected error" rather than leaving the client hanging.
    /// </summary>
    private SandboxAnswer Route(string method, string path, string queryText, string body, string rawPath)
    {
        if (!rawPath.StartsWith("/v1/", StringComparison.Ordinal)) return SandboxAnswer.Error(404, "Not found");
        var match = _routes.Match(method, path);
        switch (match.Outcome)
        {
            case SandboxRouteOutcome.Found:
                try
                {
                    return match.Handler!(new SandboxCall(method, match.Parameters, ParseQuery(queryText), body));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return SandboxAnswer.Error(500, "Unexpected error");
                }
            case SandboxRouteOutcome.MethodNotAllowed:
                return SandboxAnswer.Error(404, $"Not found: {match.Template} takes {string.Join(", ", match.AllowedMethods)}, not {method}");
            default:
                return SandboxAnswer.Error(404, "Not found");
        }
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? part : part.Substring(0, eq));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part.Substring(eq + 1).Replace('+', ' '));
            result[name] = value;
        }
        return result;
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string body, string contentType, string? retryAfter,
        IReadOnlyDictionary<string, string>? headers = null, bool truncate = false)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType + "; charset=utf-8";
        response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
        if (retryAfter is not null) response.Headers["Retry-After"] = retryAfter;
        if (headers is not null) foreach (var header in headers) response.Headers[header.Key] = header.Value;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        if (truncate)
        {
            await response.OutputStream.WriteAsync(bytes, 0, TruncatedLength(bytes.Length)).ConfigureAwait(false);
            await response.OutputStream.FlushAsync().ConfigureAwait(false);
            Abort(context);
            return;
        }
        await response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>How much of a body of <paramref name="length"/> bytes a Truncate fault sends: half, and at least one byte short.</summary>
    internal static int TruncatedLength(int length) => (int)TruncatedLength((long)length);

    internal static long TruncatedLength(long length) => Math.Max(0, Math.Min(length / 2, length - 1));

    /// <summary>Ends the connection without an answer.</summary>
    private static void Drop(HttpListenerContext context)
    {
        // The managed HttpListener (Linux, macOS) flushes headers while aborting, which would
        // turn the drop into an empty 200. Promising a body that never comes makes whatever it
        // flushes an incomplete response, so the client sees the connection end mid-answer.
        try { context.Response.SendChunked = false; context.Response.ContentLength64 = 1; }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or HttpListenerException) { }
        Abort(context);
    }

    private static void Abort(HttpListenerContext context)
    {
        try { context.Response.Abort(); }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or HttpListenerException) { }
    }

    public SandboxState State => new()
    {
        BaseUri = BaseUri,
        TimeMode = Clock.Mode,
        Now = Clock.UtcNow,
        FilesUri = FilesUri,
        TrainingSeconds = Options.TrainingDuration.TotalSeconds,
        GeneratingAudioSeconds = Options.GeneratingAudioDuration.TotalSeconds,
        GeneratingVideoSeconds = Options.GeneratingVideoDuration.TotalSeconds,
        MaximumTranscriptCharacters = Options.MaximumTranscriptCharacters,
        VideoFileBytes = SandboxMedia.SizeFor(Options.VideoFileBytes),
        NotTrainedSeconds = Options.NotTrainedDuration.TotalSeconds,
        LegacyTimestampSpelling = Options.LegacyTimestampSpelling,
        PendingFaults = Faults.Count,
        JournalCount = Journal.Count,
    };

    public void Dispose()
    {
        List<HttpListenerContext> held;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            held = _inFlight.ToList();
        }
        _stopping.Cancel();
        // Requests still held (a Delay fault) end without an answer, before the listener closes
        // their connections: closing them would flush an empty 200 on the managed listener.
        foreach (var context in held) Drop(context);
        // Close alone: on the managed listener, Stop and then Close remove the prefixes twice, and the
        // second removal binds the port again for a moment (failing with "Address already in use"
        // when another listener has taken it since).
        foreach (var listener in new[] { _listener, _files })
        {
            try { listener.Close(); }
            catch (Exception e) when (e is ObjectDisposedException or HttpListenerException) { }
        }
        try { Task.WaitAll(new[] { _loop, _filesLoop }, TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}

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
/// statuses on its clock, keeps a journal and can be told to fail.
/// </summary>
internal sealed class SandboxServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<SandboxFault> _faults = new();
    private readonly List<SandboxRequest> _journal = new();
    private readonly SandboxAvatarStore _avatars;
    private readonly Task _loop;

    private SandboxServer(HttpListener listener, Uri baseUri, string apiKey, SandboxClock clock, SandboxOptions options)
    {
        _listener = listener;
        BaseUri = baseUri;
        ApiKey = apiKey;
        Clock = clock;
        Options = options;
        _avatars = new SandboxAvatarStore(options, () => Clock.UtcNow);
        _loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUri { get; }
    public string ApiKey { get; }
    public SandboxClock Clock { get; }
    public SandboxOptions Options { get; }
    public SandboxAvatarStore Avatars => _avatars;

    /// <summary>Starts a sandbox on a free loopback port.</summary>
    public static SandboxServer Start(string? apiKey = null, SandboxTimeMode timeMode = SandboxTimeMode.Accelerated, SandboxOptions? options = null)
    {
        apiKey ??= "sandbox-" + RandomHex(16);
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://{LoopbackHost}:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind; take another.
                listener.Close();
                continue;
            }
            return new SandboxServer(listener, new Uri($"http://{LoopbackHost}:{port}/v1/"), apiKey, new SandboxClock(timeMode), options ?? new SandboxOptions());
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

    /// <summary>Raised when a request has arrived and been read, before any fault or answer.</summary>
    public event Action<SandboxRequest>? RequestReceived;

    private async Task AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var entry = new SandboxRequest { Time = Clock.UtcNow, Method = context.Request.HttpMethod };
        try
        {
            var rawPath = context.Request.Url?.AbsolutePath ?? "/";
            entry.Path = rawPath.StartsWith("/v1/", StringComparison.Ordinal) ? rawPath.Substring(3) : rawPath;
            entry.Query = (context.Request.Url?.Query ?? "").TrimStart('?');
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                entry.Body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var key = context.Request.Headers["x-api-key"];
            entry.KeyCheck = key is null ? "missing" : key == ApiKey ? "valid" : "invalid";
            RequestReceived?.Invoke(entry);
            var route = (entry.Path, entry.Query, entry.Body);
            // The journal is shown to users (Get-ArgilSandboxRequest): a key sent by mistake in a
            // path, query or body is masked there like everywhere else. Routing uses the real values.
            entry.Path = Mask(entry.Path);
            entry.Query = Mask(entry.Query);
            entry.Body = Mask(entry.Body);

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
            if (fault is not null)
            {
                entry.Fault = Describe(entry.Fault, fault);
                await AnswerFaultAsync(context, fault, entry, Record).ConfigureAwait(false);
                return;
            }

            var answer = Route(entry.Method, entry.KeyCheck, route.Path, route.Query, route.Body, rawPath);
            entry.StatusCode = answer.Status;
            Record(entry);
            await WriteAsync(context, answer.Status, answer.Body, "application/json", null).ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            Abort(context);
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
                // The managed HttpListener (Linux, macOS) flushes headers while aborting, which would
                // turn the drop into an empty 200. Promising a body that never comes makes whatever it
                // flushes an incomplete response, so the client sees the connection end mid-answer.
                try { context.Response.SendChunked = false; context.Response.ContentLength64 = 1; }
                catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or HttpListenerException) { }
                Abort(context);
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

    private string Mask(string text) => ArgilPS.Client.Redactor.MaskKey(text, ApiKey);

    private SandboxAnswer Route(string method, string keyCheck, string path, string queryText, string body, string rawPath)
    {
        if (!rawPath.StartsWith("/v1/", StringComparison.Ordinal)) return SandboxAnswer.Error(404, "Not found");
        if (keyCheck != "valid") return SandboxAnswer.Error(401, "Unauthorized: missing or invalid x-api-key");
        var segments = path.Trim('/').Split('/');
        var query = ParseQuery(queryText);
        if (segments.Length == 1 && segments[0] == "avatars")
        {
            if (method == "GET") return _avatars.List(query);
            if (method == "POST") return _avatars.Create(body);
        }
        else if (segments.Length == 2 && segments[0] == "avatars" && method == "GET")
        {
            return _avatars.Get(Uri.UnescapeDataString(segments[1]));
        }
        return SandboxAnswer.Error(404, "Not found");
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

    private static async Task WriteAsync(HttpListenerContext context, int status, string body, string contentType, string? retryAfter)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType + "; charset=utf-8";
        response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
        if (retryAfter is not null) response.Headers["Retry-After"] = retryAfter;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
        response.Close();
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
        TrainingSeconds = Options.TrainingDuration.TotalSeconds,
        NotTrainedSeconds = Options.NotTrainedDuration.TotalSeconds,
        LegacyTimestampSpelling = Options.LegacyTimestampSpelling,
        PendingFaults = Faults.Count,
        JournalCount = Journal.Count,
    };

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        try { _listener.Stop(); _listener.Close(); }
        catch (ObjectDisposedException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}

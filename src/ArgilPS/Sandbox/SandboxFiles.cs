using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace ArgilPS.Sandbox;

/// <summary>
/// The sandbox's file host: a second loopback listener, on another port than the API (so another
/// origin), that serves rendered videos as the real API's CDN would. It takes no key. Its paths
/// start with <c>/files/{token}/</c>, a random token of this sandbox (a request without it is 404,
/// neither journalled nor faulted, as a request without the key is on the API); the rest of the
/// path is what the journal keeps and faults match, such as <c>/files/videos/{id}.mp4</c>:
/// <list type="bullet">
/// <item><c>GET|HEAD /files/videos/{id}.mp4</c>: the video (<c>videoUrl</c>), once DONE;</item>
/// <item><c>GET|HEAD /files/videos/{id}-subtitled.mp4</c>: <c>videoUrlSubtitled</c>, for a video with subtitles;</item>
/// <item><c>GET|HEAD /files/videos/{id}-moment-{n}.mp4</c>: a moment's <c>videoUrl</c>;</item>
/// <item><c>GET|HEAD /files/previews/{id}</c>: the <c>previewUrl</c> page, an HTML page at any status.</item>
/// </list>
/// Each request is journalled with <see cref="SandboxRequest.Origin"/> "files" and whether it carried
/// an x-api-key header or the key anywhere, never the value.
/// </summary>
internal sealed partial class SandboxServer
{
    private async Task HandleFileAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var rawPath = request.Url?.AbsolutePath ?? "/";
        var prefix = FilesUri.AbsolutePath; // /files/{token}/
        if (!rawPath.StartsWith(prefix, StringComparison.Ordinal))
        {
            await RefuseAsync(context, 404, "Not found", drain: true).ConfigureAwait(false);
            return;
        }
        var path = "/files/" + rawPath.Substring(prefix.Length);
        var entry = new SandboxRequest
        {
            Time = Clock.UtcNow, Origin = "files", Method = request.HttpMethod, KeyCheck = "not required",
            Path = Mask(path), Query = Mask((request.Url?.Query ?? "").TrimStart('?')),
            ApiKeyHeaderPresent = request.Headers["x-api-key"] is not null,
            ApiKeySent = CarriesKey(request),
        };
        try
        {
            if (request.HasEntityBody && !await DrainAsync(request).ConfigureAwait(false))
            {
                entry.StatusCode = 413;
                Record(entry);
                Abort(context);
                return;
            }
            RequestReceived?.Invoke(entry);

            var applied = new HashSet<SandboxFault>();
            var fault = TakeFault(entry.Method, path, applied);
            while (fault is { Kind: SandboxFaultKind.Delay })
            {
                entry.Fault = Describe(entry.Fault, fault);
                await Task.Delay(fault.Delay, _stopping.Token).ConfigureAwait(false);
                fault = TakeFault(entry.Method, path, applied);
            }
            if (fault is not null && fault.Kind != SandboxFaultKind.Truncate)
            {
                entry.Fault = Describe(entry.Fault, fault);
                await AnswerFaultAsync(context, fault, entry, Record).ConfigureAwait(false);
                return;
            }
            if (fault is not null) entry.Fault = Describe(entry.Fault, fault);
            await ServeFileAsync(context, path, entry, truncate: fault is not null).ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            Drop(context);
        }
        catch (Exception e) when (e is System.IO.IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            Abort(context); // the client went away mid-download
        }
        finally
        {
            Record(entry);
        }
    }

    private async Task ServeFileAsync(HttpListenerContext context, string path, SandboxRequest entry, bool truncate)
    {
        var method = context.Request.HttpMethod;
        var segments = path.Split('/'); // "", "files", kind, name
        var found = segments.Length == 4 ? Videos.FindFile(segments[2], Uri.UnescapeDataString(segments[3])) : null;
        if (found is null)
        {
            entry.StatusCode = 404;
            Record(entry);
            await WriteAsync(context, 404, SandboxAnswer.ErrorJson(404, "File not found"), "application/json", null, truncate: truncate).ConfigureAwait(false);
            return;
        }
        if (method != "GET" && method != "HEAD")
        {
            entry.StatusCode = 405;
            Record(entry);
            await WriteAsync(context, 405, SandboxAnswer.ErrorJson(405, "Method not allowed"), "application/json", null, new Dictionary<string, string> { ["Allow"] = "GET, HEAD" }).ConfigureAwait(false);
            return;
        }
        var file = found.Value;
        var response = context.Response;
        response.StatusCode = 200;
        response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");
        response.Headers["Cache-Control"] = "private, max-age=3600";
        entry.StatusCode = 200;
        if (file.Html is not null)
        {
            Record(entry);
            var bytes = method == "HEAD" ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(file.Html);
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength64 = Encoding.UTF8.GetByteCount(file.Html);
            if (truncate && method == "GET")
            {
                await response.OutputStream.WriteAsync(bytes, 0, TruncatedLength(bytes.Length)).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                Abort(context);
                return;
            }
            if (bytes.Length > 0) await response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            response.Close();
            return;
        }
        response.ContentType = "video/mp4";
        response.SendChunked = false;
        response.ContentLength64 = file.Size;
        response.Headers["Content-Disposition"] = $"inline; filename=\"{file.Name}\"";
        Record(entry);
        if (method == "HEAD")
        {
            response.Close();
            return;
        }
        var count = truncate ? TruncatedLength(file.Size) : file.Size;
        await SandboxMedia.WriteAsync(response.OutputStream, file.Size, count, _stopping.Token).ConfigureAwait(false);
        if (truncate)
        {
            Abort(context);
            return;
        }
        response.Close();
    }

    /// <summary>Whether the sandbox's key appears in any header or in the address of a request (compared as text, never kept).</summary>
    private bool CarriesKey(HttpListenerRequest request)
    {
        if (ApiKey.Length == 0) return false;
        if ((request.RawUrl ?? "").IndexOf(ApiKey, StringComparison.Ordinal) >= 0 || Uri.UnescapeDataString(request.RawUrl ?? "").IndexOf(ApiKey, StringComparison.Ordinal) >= 0) return true;
        return request.Headers.AllKeys.Where(k => k is not null).Any(k => (request.Headers.GetValues(k!) ?? Array.Empty<string>()).Any(v => v.IndexOf(ApiKey, StringComparison.Ordinal) >= 0));
    }
}

/// <summary>A file the file host serves: an MP4 of a size, or an HTML page.</summary>
internal readonly struct SandboxFile
{
    public SandboxFile(string name, long size, string? html)
    {
        Name = name;
        Size = size;
        Html = html;
    }

    /// <summary>The file name, plain ASCII.</summary>
    public string Name { get; }
    public long Size { get; }

    /// <summary>The page, for a preview; null for an MP4.</summary>
    public string? Html { get; }
}

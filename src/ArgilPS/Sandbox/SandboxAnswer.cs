using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ArgilPS.Sandbox;

/// <summary>A response the emulated API gives: status and body (JSON unless it says otherwise), and any headers of its own.</summary>
internal readonly struct SandboxAnswer
{
    public SandboxAnswer(int status, string body, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        Headers = headers;
    }

    public int Status { get; }
    public string Body { get; }

    /// <summary>The media type of the body, without its charset (always UTF-8).</summary>
    public string ContentType { get; }

    /// <summary>Headers to send besides Content-Type (such as Content-Disposition), or null.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; }

    /// <summary>A text answer that is not JSON (subtitle files).</summary>
    public static SandboxAnswer Text(int status, string body, string contentType, IReadOnlyDictionary<string, string>? headers = null) => new(status, body, contentType, headers);

    /// <summary>The API's documented error body, <c>Error { code: integer, message: string }</c>.</summary>
    public static SandboxAnswer Error(int status, string message) => new(status, ErrorJson(status, message));

    /// <summary>A 400 as the API documents it: "Validation error", with what is wrong.</summary>
    public static SandboxAnswer Invalid(string problem) => Error(400, "Validation error: " + problem);

    public static SandboxAnswer Json(int status, Action<Utf8JsonWriter> write) => new(status, SandboxJson.Write(write));

    public static string ErrorJson(int status, string message) => SandboxJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("code", status);
        json.WriteString("message", message);
        json.WriteEndObject();
    });
}

/// <summary>How the sandbox writes JSON: compact UTF-8, timestamps as ISO-8601 UTC with milliseconds.</summary>
internal static class SandboxJson
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

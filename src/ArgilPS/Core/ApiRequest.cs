using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace ArgilPS.Core;

/// <summary>One call to the API, before it is sent.</summary>
internal sealed class ApiRequest
{
    /// <param name="resource">What the request is about, in the singular ("Avatar"; "Resource" for a raw call): failures name it.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">Relative to the base address.</param>
    /// <param name="jsonBody">The JSON body, if any.</param>
    public ApiRequest(string resource, HttpMethod method, string path, string? jsonBody = null)
    {
        Resource = resource;
        Method = method;
        // One leading slash is optional; a second one stays, so that the path rule sees "//host".
        Path = path.StartsWith("/", StringComparison.Ordinal) ? path.Substring(1) : path;
        JsonBody = jsonBody;
    }

    /// <summary>What the request is about, in the singular, such as "Avatar": a 404 is an AvatarNotFound.</summary>
    public string Resource { get; }
    public HttpMethod Method { get; }

    /// <summary>Relative to the base address, such as "avatars/123".</summary>
    public string Path { get; }
    public List<KeyValuePair<string, string>> Query { get; } = new();
    public string? JsonBody { get; }

    /// <summary>The Accept header; JSON unless a caller (the escape hatch) wants anything.</summary>
    public string Accept { get; set; } = "application/json";

    /// <summary>
    /// Whether sending it twice does no harm. A POST creates (and bills) something, so it is
    /// retried only when the server certainly did not act on it.
    /// </summary>
    public bool IsIdempotent => Method != HttpMethod.Post && Method.Method != "PATCH";

    public ApiRequest WithQuery(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) Query.Add(new KeyValuePair<string, string>(name, value!));
        return this;
    }

    /// <summary>
    /// Adds the key once per value, in order (<c>?type=IMAGE&amp;type=VIDEO</c>), as the API reads an
    /// array in a query (GET /assets); empty values are skipped, and no values add nothing.
    /// </summary>
    public ApiRequest WithQueryValues(string name, IEnumerable<string>? values)
    {
        if (values is null) return this;
        foreach (var value in values) WithQuery(name, value);
        return this;
    }

    public string PathAndQuery
    {
        get
        {
            if (Query.Count == 0) return Path;
            var sb = new StringBuilder(Path).Append('?');
            for (var i = 0; i < Query.Count; i++)
            {
                if (i > 0) sb.Append('&');
                sb.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }
            return sb.ToString();
        }
    }

    /// <summary>How the request is named in messages: "GET /avatars/123".</summary>
    public string Display => $"{Method.Method} /{PathAndQuery}";
}

/// <summary>A response that arrived, with its body read.</summary>
internal sealed class ApiResponse
{
    public ApiResponse(int statusCode, string body, IReadOnlyDictionary<string, string> headers)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = headers;
    }

    public int StatusCode { get; }
    public string Body { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>The request id the service sent, for support.</summary>
    public string? RequestId => Header("x-request-id") ?? Header("request-id") ?? Header("cf-ray");
}

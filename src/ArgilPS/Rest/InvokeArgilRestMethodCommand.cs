using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using ArgilPS.Avatars;
using ArgilPS.Core;

namespace ArgilPS.Commands;

/// <summary>
/// Invoke-ArgilRestMethod: calls any endpoint of the Argil API with the session's key, retries,
/// logging and error mapping, for what the typed cmdlets do not cover yet.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ArgilRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
    HelpUri = HelpLinks.Base + "Invoke-ArgilRestMethod.md")]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeArgilRestMethodCommand : ArgilCmdlet
{
    /// <summary>What a raw call is about, in errors: a 404 is a ResourceNotFound.</summary>
    private const string Resource = "Resource";

    /// <summary>The HTTP method (default GET).</summary>
    [Parameter(Position = 1)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
    public string Method { get; set; } = "GET";

    /// <summary>The path relative to the base URI, such as /videos or /avatars/&lt;id&gt;. Full URLs are refused, so the key is never sent elsewhere.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Query parameters, such as @{ page = 2; limit = 50 }; an array value repeats the key (type=VIDEO&amp;type=IMAGE).</summary>
    [Parameter]
    public Hashtable? Query { get; set; }

    /// <summary>The body: a JSON string, or a hashtable or object that is converted to JSON.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var path = Path.Trim();
        if (path.Contains("?") && Query is not null)
        {
            WriteInvalidArgument(nameof(Query), "the path already has a query string; give the query either in -Path or in -Query", Path, "InvalidQuery");
            return;
        }
        if (RequestPath.Check(path) is { } rule)
        {
            WriteInvalidArgument(nameof(Path), $"'{Path}' must be a path relative to the base URI (such as /avatars): {rule}", Path, "InvalidPath");
            return;
        }
        string? json = null;
        if (Body is not null && Method.Equals("GET", StringComparison.OrdinalIgnoreCase))
        {
            WriteInvalidArgument(nameof(Body), "a GET request has no body; use -Query, or -Method POST, PUT or PATCH", Body, "InvalidBody");
            return;
        }
        if (Body is not null)
        {
            try
            {
                json = PowerShellJson.ToJson(Body);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or RuntimeException)
            {
                WriteInvalidArgument(nameof(Body), "it cannot be converted to JSON: " + e.Message, Body, "InvalidBody");
                return;
            }
        }
        var request = new ApiRequest(Resource, new HttpMethod(Method.ToUpperInvariant()), path, json) { Accept = "application/json, */*;q=0.5" };
        if (Query is not null)
        {
            foreach (DictionaryEntry entry in Query)
            {
                var name = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                var values = value is IEnumerable many && value is not string ? many.Cast<object?>() : new[] { value };
                foreach (var item in values)
                    request.WithQuery(name, System.Convert.ToString(item is PSObject p ? p.BaseObject : item, CultureInfo.InvariantCulture));
            }
        }
        if (request.Method != HttpMethod.Get && !ShouldProcess(request.Display, "Send to the Argil API")) return;

        var http = Session.Http;
        if (!TryRun((log, ct) => http.SendAsync(request, log, ct), Path, out var response)) return;
        if (string.IsNullOrWhiteSpace(response.Body)) return;
        if (!IsJson(response.Header("Content-Type"), response.Body))
        {
            WriteObject(response.Body);
            return;
        }
        try
        {
            var value = PowerShellJson.FromJson(response.Body);
            WriteObject(value, enumerateCollection: value is object[]);
        }
        catch (JsonException e)
        {
            WriteApiError(ApiFailure.For(request, http.Settings.ApiKey, ApiFailureKind.UnexpectedResponse,
                $"The Argil API answered {request.Display} with JSON that could not be read (HTTP {response.StatusCode}): {e.Message} Body: {Redactor.Excerpt(response.Body, http.Settings.ApiKey)}",
                response), Path);
        }
    }

    /// <summary>
    /// Whether an answer is JSON: what its Content-Type says (application/json, or a +json type such
    /// as application/problem+json); only an answer without one is judged by its first character.
    /// A subtitle export ("[Script Info]", text/x-ass) is text, whatever it starts with.
    /// </summary>
    internal static bool IsJson(string? contentType, string body)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            var t = body.TrimStart();
            return t.StartsWith("{", StringComparison.Ordinal) || t.StartsWith("[", StringComparison.Ordinal);
        }
        var mediaType = contentType!.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}

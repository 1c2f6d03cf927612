using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using ArgilPS.Webhooks;

namespace ArgilPS.Commands;

/// <summary>
/// ConvertFrom-ArgilWebhookEvent: turns the body Argil posted to a webhook into an
/// <see cref="WebhookEvent"/>. Local: no request, no connection needed.
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "ArgilWebhookEvent", HelpUri = HelpLinks.Base + "ConvertFrom-ArgilWebhookEvent.md")]
[OutputType(typeof(WebhookEvent))]
public sealed class ConvertFromArgilWebhookEventCommand : ArgilCmdlet
{
    /// <summary>
    /// The body of the POST, as JSON text. The request's body stream (HttpListener's
    /// $context.Request.InputStream: read as UTF-8, never more than the largest event read, so a huge or
    /// endless body costs nothing), the bytes of the body (UTF-8) and a body a framework has already
    /// parsed (a hashtable or object, as Pode's $WebEvent.Data or Azure Functions' $Request.Body) are taken too.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Content", "Data")]
    [AllowEmptyString]
    [WebhookBodyTransformation]
    public string Body { get; set; } = "";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var webhookEvent = WebhookEventReader.Read(Body, out var problem);
        if (webhookEvent is not null)
        {
            WriteObject(webhookEvent);
            return;
        }
        var message = $"The body is not an Argil webhook event: {problem}.";
        WriteError(new ErrorRecord(new InvalidDataException(message), "InvalidWebhookEvent", ErrorCategory.InvalidData, null)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Pass the body of the POST Argil sent, as text: {\"event\": \"VIDEO_GENERATION_SUCCESS\", \"data\": {\"videoId\": ...}}. " +
                    "Answer such a request with 400 rather than acting on it.",
            },
        });
    }
}

/// <summary>
/// What a receiver has in hand, as JSON text: a string as it is, bytes as UTF-8 (a byte-order mark
/// dropped), a hashtable or object (a body a web framework parsed already) as JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class WebhookBodyTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : inputData;
        switch (value)
        {
            case null:
            case string:
                return value;
            case byte[] bytes:
                return Utf8(bytes);
            case Stream stream:
                return ReadBounded(stream);
            case object[] items when items.Length > 0 && items.All(i => (i is PSObject p ? p.BaseObject : i) is byte):
                // [byte[]] + [byte[]] in PowerShell gives object[].
                return Utf8(items.Select(i => (byte)(i is PSObject p ? p.BaseObject : i)).ToArray());
            case PSObject custom when custom.Properties["event"] is null && custom.Properties["data"] is null:
                // Not a parsed body: an object whose Body, Content or Data property binds by name.
                return inputData;
            case IDictionary:
            case PSObject:
                try
                {
                    return PowerShellJson.ToJson(value);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    throw new ArgumentTransformationMetadataException($"The parsed body cannot be read back as JSON: {e.Message}", e);
                }
            default:
                return value;
        }
    }

    /// <summary>
    /// A body stream as UTF-8 text, read to its end or to one character past the largest body the
    /// reader takes (which then refuses it by its size): a receiver that hands over the request's stream
    /// never holds more than that, whatever a caller posts. The stream is the caller's: it is not closed.
    /// </summary>
    private static string ReadBounded(Stream stream)
    {
        var limit = WebhookEventReader.MaximumBodyLength + 1;
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
            var text = new StringBuilder();
            var buffer = new char[4096];
            int read;
            while (text.Length < limit && (read = reader.Read(buffer, 0, Math.Min(buffer.Length, limit - text.Length))) > 0) text.Append(buffer, 0, read);
            return text.ToString();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentTransformationMetadataException($"The body stream cannot be read: {e.Message}", e);
        }
    }

    private static string Utf8(byte[] bytes)
    {
        var text = new UTF8Encoding(false, false).GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }
}

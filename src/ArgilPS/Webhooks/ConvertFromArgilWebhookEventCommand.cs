using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
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
        string? problem;
        WebhookEvent? webhookEvent = null;
        if (ReferenceEquals(Body, WebhookBodyTransformationAttribute.StalledBody))
        {
            problem = $"the body did not arrive within {WebhookBodyTransformationAttribute.BodyStreamPatience.TotalSeconds:0.#} seconds (the sender stopped sending it)";
        }
        else
        {
            webhookEvent = WebhookEventReader.Read(Body, out problem);
        }
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
    /// How long a body stream may take to arrive whole: a sender that stops sending part-way (or never
    /// sends the body it announced) is given up after it, so that it cannot hold the receiver. Tests
    /// shorten it.
    /// </summary>
    internal static TimeSpan BodyStreamPatience { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What the transformation gives for a body stream that did not arrive within
    /// <see cref="BodyStreamPatience"/>: this very string (compared by reference), which the cmdlet
    /// reports as an InvalidWebhookEvent error like any other body it cannot read.
    /// </summary>
    internal static readonly string StalledBody = new('\u0000', 1);

    /// <summary>
    /// A body stream as UTF-8 text (a byte-order mark dropped; no other encoding is guessed), read to
    /// its end or to one character past the largest body the reader takes (which then refuses it by
    /// its size): a receiver that hands over the request's stream never holds more than that, whatever
    /// a caller posts, nor waits more than <see cref="BodyStreamPatience"/> for it. The stream is the
    /// caller's: it is not closed.
    /// </summary>
    private static string ReadBounded(Stream stream)
    {
        if (!stream.CanRead) throw new ArgumentTransformationMetadataException("The body stream cannot be read: it is closed or write-only.");
        var limit = WebhookEventReader.MaximumBodyLength + 1;
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[4097];
        var text = new StringBuilder();
        var deadline = DateTime.UtcNow + BodyStreamPatience;
        try
        {
            using var giveUp = new CancellationTokenSource(BodyStreamPatience);
            while (text.Length < limit)
            {
                var reading = stream.ReadAsync(bytes, 0, bytes.Length, giveUp.Token);
                var left = deadline - DateTime.UtcNow;
                // A stream that ignores the token (HttpListener's does) is not waited for past the deadline;
                // its read is left to end when the receiver closes the connection.
                if (left <= TimeSpan.Zero || !reading.Wait(left)) return StalledBody;
                var read = reading.Result;
                var flush = read == 0;
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush);
                text.Append(chars, 0, count);
                if (flush) break;
            }
        }
        catch (Exception e) when (Unwrap(e) is OperationCanceledException)
        {
            return StalledBody;
        }
        catch (Exception e) when (Unwrap(e) is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentTransformationMetadataException($"The body stream cannot be read: {Unwrap(e).Message}", Unwrap(e));
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text.Remove(0, 1);
        return text.Length > limit ? text.ToString(0, limit) : text.ToString();
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? inner : e;

    private static string Utf8(byte[] bytes)
    {
        var text = new UTF8Encoding(false, false).GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }
}

using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Core.Paging;

/// <summary>An answer that is no JSON at all: <see cref="What"/> says what it is instead.</summary>
internal sealed class StreamedBodyException : JsonException
{
    public StreamedBodyException(string what, string message) : base(message) => What = what;

    /// <summary>"an empty body", "an HTML page".</summary>
    public string What { get; }
}

/// <summary>What <see cref="JsonItemStream"/> saw of a body besides its items.</summary>
internal sealed class StreamedBody
{
    /// <summary>The whole-number properties of the envelope object (totalItems, totalPages...), by name; empty for a bare array.</summary>
    public Dictionary<string, long> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>How many items were read (all of them, unless the reader was told to stop).</summary>
    public int Count { get; set; }

    /// <summary>Whether the consumer stopped the reading before the end of the list.</summary>
    public bool Stopped { get; set; }

    /// <summary>Whether the root was JSON null (a list "not there").</summary>
    public bool IsNull { get; set; }
}

/// <summary>
/// Reads a JSON list from a stream one item at a time, without holding the body: each item is
/// parsed as it arrives and handed over (with a hash of its bytes, to notice a page answered twice)
/// while the rest is still on the wire. The list is the root array, or the array under one property
/// of the root object (the envelope of a paged list). Memory is one item plus a read buffer,
/// whatever the size of the list; a body that is not JSON, or not of that shape, is a JsonException.
/// </summary>
internal static class JsonItemStream
{
    private const int FirstBufferSize = 16 * 1024;
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <param name="stream">The body.</param>
    /// <param name="itemsProperty">The envelope's property holding the items (matched whatever its case); null for a root array.</param>
    /// <param name="onItem">Called with each item and the hash of its bytes; false stops the reading.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async Task<StreamedBody> ReadAsync(Stream stream, string? itemsProperty, Func<JsonElement, int, bool> onItem, CancellationToken cancellationToken)
    {
        var parser = new Parser(itemsProperty, onItem);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        var start = 0;
        var end = 0;
        var final = false;
        var first = true;
        try
        {
            while (true)
            {
                if (!final)
                {
                    if (start > 0 && start == end) start = end = 0;
                    if (end == buffer.Length)
                    {
                        if (start > 0)
                        {
                            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                            end -= start;
                            start = 0;
                        }
                        else
                        {
                            // One item larger than the buffer: the buffer grows to hold it (the
                            // client's limit on a whole answer bounds it).
                            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            Buffer.BlockCopy(buffer, 0, larger, 0, end);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }
                    }
                    var read = await stream.ReadAsync(buffer, end, buffer.Length - end, cancellationToken).ConfigureAwait(false);
                    if (read == 0) final = true;
                    end += read;
                    if (first && end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
                    {
                        start += 3; // a UTF-8 byte order mark, which the reader refuses
                        first = false;
                    }
                    else if (end - start >= 3 || final) first = false;
                    if (first) continue;
                }
                // Between two tokens white space can go: an answer of nothing but spaces is not kept.
                while (start < end && buffer[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
                if (!parser.Started && start < end && buffer[start] == (byte)'<') throw new StreamedBodyException("an HTML page", "The answer is an HTML page, not JSON.");
                if (!parser.Started && start == end)
                {
                    if (final) throw new StreamedBodyException("an empty body", "The answer has no body.");
                    continue;
                }
                if (parser.Done)
                {
                    // After the list, nothing but white space to the end of the body.
                    if (start < end) throw new JsonException("The body goes on after the end of its JSON.");
                    if (final) return parser.Body;
                    continue;
                }
                var consumed = parser.Feed(new ReadOnlySpan<byte>(buffer, start, end - start), final);
                start += consumed;
                if (parser.Done && parser.Body.Stopped) return parser.Body;
                if (parser.Done) continue;
                if (final)
                {
                    if (!parser.Started) throw new StreamedBodyException("an empty body", "The answer has no body.");
                    throw new JsonException("The body ended in the middle of the JSON.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The reading's state between two reads of the stream.</summary>
    private sealed class Parser
    {
        private readonly string? _itemsProperty;
        private readonly Func<JsonElement, int, bool> _onItem;
        private JsonReaderState _state = new(Options);
        private Stage _stage = Stage.Root;
        private string? _property;

        public Parser(string? itemsProperty, Func<JsonElement, int, bool> onItem)
        {
            _itemsProperty = itemsProperty;
            _onItem = onItem;
        }

        private enum Stage { Root, EnvelopeProperty, EnvelopeValue, Items, AfterItems, Done }

        public StreamedBody Body { get; } = new();
        public bool Done => _stage == Stage.Done;
        public bool Started => _stage != Stage.Root;
        private bool _sawItems;

        /// <summary>Reads what the bytes hold; returns how many were used (the rest waits for more).</summary>
        public int Feed(ReadOnlySpan<byte> bytes, bool final)
        {
            var reader = new Utf8JsonReader(bytes, final, _state);
            long used = 0;
            while (_stage != Stage.Done)
            {
                var before = reader;
                if (!reader.Read()) break;
                if (!Step(ref reader, bytes))
                {
                    // The token starts a value not wholly in the buffer: read it again with more bytes.
                    reader = before;
                    break;
                }
                used = reader.BytesConsumed;
            }
            if (_stage == Stage.Done && !Body.Stopped)
            {
                // Nothing but white space (and comments) may follow the list.
                while (reader.Read()) throw new JsonException("The body goes on after the end of its JSON.");
                used = reader.BytesConsumed;
            }
            _state = reader.CurrentState;
            // The reader's own state is at 'used' exactly: everything before it is done with.
            return (int)used;
        }

        /// <summary>One token; false when it starts a value whose bytes are not all there yet.</summary>
        private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes)
        {
            switch (_stage)
            {
                case Stage.Root:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        Body.IsNull = true;
                        _stage = Stage.Done;
                    }
                    else if (_itemsProperty is null)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"The answer is {Kind(reader.TokenType)}, not a list.");
                        _stage = Stage.Items;
                    }
                    else
                    {
                        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"The answer is {Kind(reader.TokenType)}, not a page with '{_itemsProperty}'.");
                        _stage = Stage.EnvelopeProperty;
                    }
                    return true;

                case Stage.EnvelopeProperty:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        if (!_sawItems) throw new JsonException($"The answer has no '{_itemsProperty}' list.");
                        _stage = Stage.Done;
                        return true;
                    }
                    _property = reader.GetString();
                    _stage = Stage.EnvelopeValue;
                    return true;

                case Stage.EnvelopeValue:
                    if (string.Equals(_property, _itemsProperty, StringComparison.OrdinalIgnoreCase) && !_sawItems)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"'{_itemsProperty}' is {Kind(reader.TokenType)}, not a list.");
                        _sawItems = true;
                        _stage = Stage.Items;
                        return true;
                    }
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        if (!reader.TrySkip()) return false;
                    }
                    else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && n >= 0)
                    {
                        Body.Numbers[_property!] = n;
                    }
                    _stage = Stage.EnvelopeProperty;
                    return true;

                case Stage.Items:
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _stage = _itemsProperty is null ? Stage.Done : Stage.EnvelopeProperty;
                        return true;
                    }
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        var probe = reader;
                        if (!probe.TrySkip()) return false;
                    }
                    var from = (int)reader.TokenStartIndex;
                    using (var item = JsonDocument.ParseValue(ref reader))
                    {
                        var hash = Hash(bytes.Slice(from, (int)reader.BytesConsumed - from));
                        Body.Count++;
                        if (!_onItem(item.RootElement, hash))
                        {
                            // Stopped: the rest of the body is not read at all.
                            Body.Stopped = true;
                            _stage = Stage.Done;
                        }
                    }
                    return true;

                default:
                    return true;
            }
        }

        /// <summary>FNV-1a of the item's bytes on the wire.</summary>
        private static int Hash(ReadOnlySpan<byte> item)
        {
            unchecked
            {
                var h = (int)2166136261;
                foreach (var b in item) h = (h ^ b) * 16777619;
                return h;
            }
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        _ => "null",
    };
}

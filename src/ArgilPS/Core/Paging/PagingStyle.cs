using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ArgilPS.Core.Paging;

/// <summary>
/// How one list endpoint pages: which query parameters ask for page N, and where the answer puts
/// the items and what it knows of the whole list. The API has three styles (see argil-api.md §1),
/// plus lists that are one unpaged array.
/// </summary>
internal abstract class PagingStyle
{
    /// <summary>One bare JSON array, all of it at once (GET /avatars, /voices, /webhooks).</summary>
    public static PagingStyle Unpaged { get; } = new UnpagedStyle();

    /// <summary>
    /// <c>{ "videos": [...], totalItems, totalPages, currentPage, itemsPerPage }</c>, asked for with
    /// <c>page</c> and <paramref name="sizeParameter"/> (GET /videos: "videos", "limit"; GET /subtitles: "items", "pageSize").
    /// </summary>
    public static PagingStyle BodyEnvelope(string itemsProperty, string sizeParameter, int pageSize) =>
        new EnvelopeStyle(itemsProperty, sizeParameter, pageSize);

    /// <summary>A bare array, with <c>X-Total-Count</c>, <c>X-Page</c>, <c>X-Page-Size</c> and <c>X-Total-Pages</c> headers (GET /assets).</summary>
    public static PagingStyle HeaderPaged(string sizeParameter, int pageSize) => new HeaderStyle(sizeParameter, pageSize);

    /// <summary>The page size asked for; null for an unpaged list.</summary>
    public abstract int? PageSize { get; }

    /// <summary>The property of the answer's root object that holds the items; null when the root is the list itself.</summary>
    public virtual string? ItemsProperty => null;

    /// <summary>What a streamed answer says of the whole list: from its envelope's numbers or its headers.</summary>
    public abstract PageShape ReadStreamed(IReadOnlyDictionary<string, long> numbers, IReadOnlyDictionary<string, string> headers);

    /// <summary>Adds what asks for page <paramref name="number"/> (from 1) to the request.</summary>
    public abstract void AddPageQuery(ApiRequest request, int number);

    /// <summary>Splits an answer into the items' JSON array and what it says of the whole list; a wrong shape throws <see cref="JsonException"/>.</summary>
    public abstract PageShape Read(string body, IReadOnlyDictionary<string, string> headers);

    private sealed class UnpagedStyle : PagingStyle
    {
        public override int? PageSize => null;
        public override void AddPageQuery(ApiRequest request, int number) { }
        public override PageShape Read(string body, IReadOnlyDictionary<string, string> headers) => new(body) { Unpaged = true };
        public override PageShape ReadStreamed(IReadOnlyDictionary<string, long> numbers, IReadOnlyDictionary<string, string> headers) => new("") { Unpaged = true };
    }

    private sealed class EnvelopeStyle : PagingStyle
    {
        private readonly string _items;
        private readonly string _size;
        private readonly int _pageSize;

        public EnvelopeStyle(string itemsProperty, string sizeParameter, int pageSize)
        {
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize));
            _items = itemsProperty;
            _size = sizeParameter;
            _pageSize = pageSize;
        }

        public override int? PageSize => _pageSize;
        public override string? ItemsProperty => _items;

        public override void AddPageQuery(ApiRequest request, int number) =>
            request.WithQuery("page", number.ToString(CultureInfo.InvariantCulture)).WithQuery(_size, _pageSize.ToString(CultureInfo.InvariantCulture));

        public override PageShape ReadStreamed(IReadOnlyDictionary<string, long> numbers, IReadOnlyDictionary<string, string> headers) => new("")
        {
            TotalCount = numbers.TryGetValue("totalItems", out var items) ? items : null,
            TotalPages = numbers.TryGetValue("totalPages", out var pages) ? pages : null,
            CurrentPage = numbers.TryGetValue("currentPage", out var current) ? current : null,
            PageSize = numbers.TryGetValue("itemsPerPage", out var size) ? size : null,
        };

        public override PageShape Read(string body, IReadOnlyDictionary<string, string> headers)
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new JsonException($"The answer is {KindOf(root)}, not a page with '{_items}'.");
            string? items = null;
            long? totalItems = null, totalPages = null, currentPage = null, perPage = null;
            foreach (var p in root.EnumerateObject())
            {
                // Names are read as the avatar fields are: whatever their case.
                if (string.Equals(p.Name, _items, StringComparison.OrdinalIgnoreCase))
                {
                    if (p.Value.ValueKind != JsonValueKind.Array)
                        throw new JsonException($"'{_items}' is {KindOf(p.Value)}, not a list.");
                    items = p.Value.GetRawText();
                }
                else if (p.NameEquals("totalItems")) totalItems = Number(p.Value);
                else if (p.NameEquals("totalPages")) totalPages = Number(p.Value);
                else if (p.NameEquals("currentPage")) currentPage = Number(p.Value);
                else if (p.NameEquals("itemsPerPage")) perPage = Number(p.Value);
            }
            if (items is null) throw new JsonException($"The answer has no '{_items}' list.");
            return new PageShape(items) { TotalCount = totalItems, TotalPages = totalPages, CurrentPage = currentPage, PageSize = perPage };
        }

        private static long? Number(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0 ? n : null;
    }

    private sealed class HeaderStyle : PagingStyle
    {
        private readonly string _size;
        private readonly int _pageSize;

        public HeaderStyle(string sizeParameter, int pageSize)
        {
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize));
            _size = sizeParameter;
            _pageSize = pageSize;
        }

        public override int? PageSize => _pageSize;

        public override void AddPageQuery(ApiRequest request, int number) =>
            request.WithQuery("page", number.ToString(CultureInfo.InvariantCulture)).WithQuery(_size, _pageSize.ToString(CultureInfo.InvariantCulture));

        public override PageShape ReadStreamed(IReadOnlyDictionary<string, long> numbers, IReadOnlyDictionary<string, string> headers) => Read("", headers);

        public override PageShape Read(string body, IReadOnlyDictionary<string, string> headers) => new(body)
        {
            TotalCount = Header(headers, "X-Total-Count"),
            TotalPages = Header(headers, "X-Total-Pages"),
            CurrentPage = Header(headers, "X-Page"),
            PageSize = Header(headers, "X-Page-Size"),
        };

        /// <summary>A count from a header, leniently: anything but a whole number ≥ 0 is unknown.</summary>
        private static long? Header(IReadOnlyDictionary<string, string> headers, string name) =>
            headers.TryGetValue(name, out var text) && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string KindOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}

/// <summary>An answer split by its <see cref="PagingStyle"/>: the items' JSON and what the API said of the whole list.</summary>
internal sealed class PageShape
{
    public PageShape(string itemsJson) => ItemsJson = itemsJson;

    /// <summary>The items, as JSON (an array for every paged style; the whole body for an unpaged list).</summary>
    public string ItemsJson { get; }
    public bool Unpaged { get; init; }
    public long? TotalCount { get; init; }
    public long? TotalPages { get; init; }
    public long? CurrentPage { get; init; }
    public long? PageSize { get; init; }
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Core.Paging;

/// <summary>
/// One list endpoint, read a page at a time through the one HTTP path: "fetch page N" and what
/// follows from it. A resource gives the request, its <see cref="PagingStyle"/> and how to read its
/// items; nothing is requested until a page is asked for.
/// </summary>
internal sealed class Pager<T>
{
    private readonly ArgilHttpClient _http;
    private readonly Func<ApiRequest> _newRequest;
    private readonly Func<string, IRequestLog, IReadOnlyList<T>?>? _readItems;
    private readonly Func<JsonElement, int, IRequestLog, T?>? _readItem;

    /// <param name="http">The HTTP path.</param>
    /// <param name="newRequest">A new request for the list, with its filters but no paging.</param>
    /// <param name="style">How the endpoint pages.</param>
    /// <param name="readItems">Reads a JSON array of items; null or a throw (JsonException, FormatException…) is an unexpected answer.</param>
    public Pager(ArgilHttpClient http, Func<ApiRequest> newRequest, PagingStyle style, Func<string, IRequestLog, IReadOnlyList<T>?> readItems)
    {
        _http = http;
        _newRequest = newRequest;
        Style = style;
        _readItems = readItems;
    }

    /// <param name="http">The HTTP path.</param>
    /// <param name="newRequest">A new request for the list, with its filters but no paging.</param>
    /// <param name="style">How the endpoint pages.</param>
    /// <param name="readItem">
    /// Reads one item of the list (its position from 1, for messages); null skips it (a JSON null);
    /// a throw (FormatException, JsonException...) is an unexpected answer. With it, pages are read
    /// as they arrive (<see cref="StreamPageAsync"/>): each item is handed over while the rest of the
    /// page is still on the wire, and the page is never held whole.
    /// </param>
    public Pager(ArgilHttpClient http, Func<ApiRequest> newRequest, PagingStyle style, Func<JsonElement, int, IRequestLog, T?> readItem)
    {
        _http = http;
        _newRequest = newRequest;
        Style = style;
        _readItem = readItem;
    }

    public PagingStyle Style { get; }

    /// <summary>Whether pages are read item by item as they arrive (see <see cref="StreamPageAsync"/>).</summary>
    public bool Streams => _readItem is not null;

    /// <summary>
    /// Gets page <paramref name="number"/> (from 1), handing each item (null for an entry skipped) with
    /// the hash of its bytes to <paramref name="onItem"/> as soon as it is read; false from it stops
    /// the reading there, and the rest of the page is not received. A page of the wrong shape is an
    /// UnexpectedResponse (the items before the fault have been handed over).
    /// </summary>
    public async Task<StreamedPage> StreamPageAsync(int number, Func<T?, int, bool> onItem, IRequestLog log, CancellationToken cancellationToken)
    {
        if (_readItem is null) throw new InvalidOperationException("This list is read whole; use GetPageAsync.");
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        var request = _newRequest();
        Style.AddPageQuery(request, number);
        StreamedBody? body = null;
        ApiResponse? answer = null;
        var index = 0;
        var response = await _http.SendStreamingAsync(request, async (started, stream, ct) =>
        {
            answer = started;
            try
            {
                body = await JsonItemStream.ReadAsync(stream, Style.ItemsProperty, (element, hash) => onItem(_readItem(element, ++index, log), hash), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException)
            {
                throw _http.UnexpectedStreamed(request, started, e);
            }
            if (body.IsNull) throw _http.UnexpectedStreamed(request, started, new JsonException("The answer is null, not a list."));
        }, log, cancellationToken).ConfigureAwait(false);
        var shape = Style.ReadStreamed(body!.Numbers, response.Headers);
        var count = body.Count;
        var hasNext = !body.Stopped && !shape.Unpaged && HasNext(number, shape, count);
        return new StreamedPage(number, count, shape.Unpaged ? count : shape.TotalCount, hasNext, body.Stopped);
    }

    /// <summary>Gets page <paramref name="number"/> (from 1). A page of the wrong shape is an UnexpectedResponse.</summary>
    public async Task<Page<T>> GetPageAsync(int number, IRequestLog log, CancellationToken cancellationToken)
    {
        if (_readItems is null)
        {
            var items = new List<T>();
            var page = await StreamPageAsync(number, (item, _) =>
            {
                if (item is not null) items.Add(item);
                return true;
            }, log, cancellationToken).ConfigureAwait(false);
            return new Page<T>(number, items, page.TotalCount, page.HasNext) { Fingerprint = (page.Count, page.Count) };
        }
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        var request = _newRequest();
        Style.AddPageQuery(request, number);
        var response = await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return _http.ReadJson(request, response, body =>
        {
            var shape = Style.Read(body, response.Headers);
            var items = _readItems!(shape.ItemsJson, log);
            if (items is null) return null;
            var page = ToPage(number, shape, items);
            return new Page<T>(page.Number, page.Items, page.TotalCount, page.HasNext)
            {
                Fingerprint = (shape.ItemsJson.Length, StringComparer.Ordinal.GetHashCode(shape.ItemsJson)),
            };
        });
    }

    /// <summary>Pages from the first, each fetched only when asked for.</summary>
    public PageCursor<T> Open() => new(this);

    /// <summary>Pages from the first, each read item by item as it arrives, only when asked for.</summary>
    public StreamingCursor<T> OpenStreaming() => new(this);

    /// <summary>Every item of every page, for a caller that needs the whole list (the completers).</summary>
    public async Task<IReadOnlyList<T>> ReadAllAsync(IRequestLog log, CancellationToken cancellationToken)
    {
        if (Streams)
        {
            var items = new List<T>();
            var streaming = OpenStreaming();
            while (await streaming.NextAsync(item =>
            {
                items.Add(item);
                return true;
            }, log, cancellationToken).ConfigureAwait(false) is not null) { }
            return items;
        }
        var cursor = Open();
        var all = new List<T>();
        while (await cursor.NextAsync(log, cancellationToken).ConfigureAwait(false) is { } page) all.AddRange(page.Items);
        return all;
    }

    private Page<T> ToPage(int number, PageShape shape, IReadOnlyList<T> items)
    {
        if (shape.Unpaged) return new Page<T>(number, items, items.Count, hasNext: false);
        return new Page<T>(number, items, shape.TotalCount, HasNext(number, shape, items.Count));
    }

    /// <summary>
    /// Whether to ask for the page after <paramref name="number"/>: never after an empty page (so a
    /// server that ignores the page number cannot make it endless when it runs dry), else as the
    /// answer's total of pages or of items says, else when the page was full.
    /// </summary>
    internal bool HasNext(int number, PageShape shape, int count)
    {
        if (count == 0) return false;
        if (shape.CurrentPage is { } current && current < number) return false; // answered with an earlier page: the list ended
        if (shape.TotalPages is { } pages) return number < pages;
        var size = shape.PageSize is > 0 ? shape.PageSize.Value : Style.PageSize ?? count;
        if (shape.TotalCount is { } total) return (long)(number - 1) * size + count < total;
        return count >= (Style.PageSize ?? int.MaxValue);
    }
}

/// <summary>Walks a <see cref="Pager{T}"/> from page 1, one request per <see cref="NextAsync"/>, until the last page.</summary>
internal sealed class PageCursor<T>
{
    private readonly Pager<T> _pager;
    private int _next = 1;
    private (int Length, int Hash)? _previous;

    public PageCursor(Pager<T> pager) => _pager = pager;

    /// <summary>Whether the last page has been read.</summary>
    public bool Done { get; private set; }

    /// <summary>The next page, or null after the last one (without a request).</summary>
    public async Task<Page<T>?> NextAsync(IRequestLog log, CancellationToken cancellationToken)
    {
        if (Done) return null;
        var page = await _pager.GetPageAsync(_next, log, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count > 0 && page.Number > 1 && page.Fingerprint == _previous)
        {
            // A server that ignores the page number answers every page alike: without this the list
            // would repeat itself for ever. What it gave once is all there is to have.
            log.Warning($"Page {page.Number} of the list came back the same as page {page.Number - 1}: the API seems to ignore paging, so the list stops after page {page.Number - 1}.");
            Done = true;
            return null;
        }
        _previous = page.Fingerprint;
        if (page.HasNext) _next++;
        else Done = true;
        return page;
    }
}

/// <summary>What a page read item by item was: its items went to the caller as they came.</summary>
internal sealed class StreamedPage
{
    public StreamedPage(int number, int count, long? totalCount, bool hasNext, bool stopped)
    {
        Number = number;
        Count = count;
        TotalCount = totalCount;
        HasNext = hasNext;
        Stopped = stopped;
    }

    /// <summary>The page number asked for, from 1.</summary>
    public int Number { get; }

    /// <summary>The entries read from the page (null entries included).</summary>
    public int Count { get; }

    /// <summary>How many items the whole list holds, when the API says (or, unpaged, the items themselves); null when unknown.</summary>
    public long? TotalCount { get; }

    /// <summary>Whether another page may follow this one.</summary>
    public bool HasNext { get; }

    /// <summary>Whether the caller stopped the reading before the page's end.</summary>
    public bool Stopped { get; }
}

/// <summary>
/// Walks a streaming <see cref="Pager{T}"/> from page 1, one request per <see cref="NextAsync"/>,
/// handing each item over as it is read. A page answered byte for byte like the one before (a
/// server that ignores the page number) ends the list: the items of a page that match the page
/// before, in order, are held back until one differs, so a repeated page is never output.
/// </summary>
internal sealed class StreamingCursor<T>
{
    private readonly Pager<T> _pager;
    private int _next = 1;
    private List<int>? _previous;

    public StreamingCursor(Pager<T> pager) => _pager = pager;

    /// <summary>Whether the last page has been read.</summary>
    public bool Done { get; private set; }

    /// <summary>Reads the next page, handing its items to <paramref name="onItem"/> (false stops); null after the last page (without a request).</summary>
    public async Task<StreamedPage?> NextAsync(Func<T, bool> onItem, IRequestLog log, CancellationToken cancellationToken)
    {
        if (Done) return null;
        var previous = _previous;
        var hashes = new List<int>();
        var held = new List<T>();
        var same = previous is not null && _next > 1;
        var stopped = false;

        bool Give(T item)
        {
            if (stopped) return false;
            if (!onItem(item)) stopped = true;
            return !stopped;
        }

        bool Release()
        {
            foreach (var item in held)
                if (!Give(item)) break;
            held.Clear();
            return !stopped;
        }

        var page = await _pager.StreamPageAsync(_next, (item, hash) =>
        {
            var at = hashes.Count;
            hashes.Add(hash);
            if (same && (at >= previous!.Count || previous[at] != hash))
            {
                same = false;
                if (!Release()) return false;
            }
            if (item is null) return true;
            if (same)
            {
                held.Add(item);
                return true;
            }
            return Give(item);
        }, log, cancellationToken).ConfigureAwait(false);

        if (same && hashes.Count > 0 && hashes.Count == previous!.Count)
        {
            // A server that ignores the page number answers every page alike: without this the list
            // would repeat itself for ever. What it gave once is all there is to have.
            log.Warning($"Page {page.Number} of the list came back the same as page {page.Number - 1}: the API seems to ignore paging, so the list stops after page {page.Number - 1}.");
            Done = true;
            return null;
        }
        if (same) Release();
        _previous = hashes;
        if (page.HasNext && !stopped && !page.Stopped) _next++;
        else Done = true;
        return page;
    }
}

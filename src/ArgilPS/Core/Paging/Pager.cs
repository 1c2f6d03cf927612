using System;
using System.Collections.Generic;
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
    private readonly Func<string, IRequestLog, IReadOnlyList<T>?> _readItems;

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

    public PagingStyle Style { get; }

    /// <summary>Gets page <paramref name="number"/> (from 1). A page of the wrong shape is an UnexpectedResponse.</summary>
    public async Task<Page<T>> GetPageAsync(int number, IRequestLog log, CancellationToken cancellationToken)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        var request = _newRequest();
        Style.AddPageQuery(request, number);
        var response = await _http.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        return _http.ReadJson(request, response, body =>
        {
            var shape = Style.Read(body, response.Headers);
            var items = _readItems(shape.ItemsJson, log);
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

    /// <summary>Every item of every page, for a caller that needs the whole list (the completers).</summary>
    public async Task<IReadOnlyList<T>> ReadAllAsync(IRequestLog log, CancellationToken cancellationToken)
    {
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
    private bool HasNext(int number, PageShape shape, int count)
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

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core;
using ArgilPS.Core.Paging;
using ArgilPS.Sandbox;

namespace ArgilPS.Tests.Core.Paging;

/// <summary>A fake list endpoint: answers each page with what a test says, and keeps the query of every request.</summary>
internal sealed class FakeListEndpoint : HttpMessageHandler
{
    private readonly Func<int, (string Body, IDictionary<string, string>? Headers)> _page;
    private readonly ConcurrentQueue<string> _queries = new();

    /// <param name="page">The answer to page N (the "page" query parameter, 1 when there is none).</param>
    public FakeListEndpoint(Func<int, (string Body, IDictionary<string, string>? Headers)> page) => _page = page;

    /// <summary>The query of each request, in order ("page=1&amp;limit=2").</summary>
    public IReadOnlyList<string> Queries => _queries.ToList();
    public int Requests => _queries.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query.TrimStart('?');
        _queries.Enqueue(query);
        var number = query.Split('&').Select(p => p.Split('=')).Where(p => p[0] == "page").Select(p => int.Parse(p[1])).DefaultIfEmpty(1).First();
        var (body, headers) = _page(number);
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", "application/json" } } },
        };
        foreach (var h in headers ?? new Dictionary<string, string>()) response.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return Task.FromResult(response);
    }

    public ArgilHttpClient Client()
    {
        var settings = new ArgilClientSettings(new Uri("http://127.0.0.1:9/v1"), new ApiKey("paging-test-key-0123456789"), 30, 0, 1);
        return new ArgilHttpClient(settings, new SandboxClock(SandboxTimeMode.Manual), new HttpMessageInvoker(this), new Random(1));
    }

    public Pager<string> Pager(PagingStyle style, string path = "things") =>
        new(Client(), () => new ApiRequest("Item", HttpMethod.Get, path), style, (json, _) => JsonSerializer.Deserialize<List<string>>(json));

    /// <summary>Items "item-1"… of a list of <paramref name="total"/>, page <paramref name="number"/> of size <paramref name="size"/>, as a JSON array.</summary>
    public static string Slice(int number, int size, int total) =>
        JsonSerializer.Serialize(Enumerable.Range((number - 1) * size + 1, Math.Max(0, Math.Min(size, total - (number - 1) * size))).Select(i => "item-" + i));

    /// <summary>A GET /videos or GET /subtitles answer: the items under <paramref name="property"/>, with the page counts.</summary>
    public static string Envelope(string property, int number, int size, int total) =>
        $"{{\"{property}\":{Slice(number, size, total)},\"totalItems\":{total},\"totalPages\":{(total + size - 1) / size},\"currentPage\":{number},\"itemsPerPage\":{size}}}";

    /// <summary>The X-* headers of a GET /assets answer.</summary>
    public static IDictionary<string, string> PageHeaders(int number, int size, int total) => new Dictionary<string, string>
    {
        ["X-Total-Count"] = total.ToString(),
        ["X-Page"] = number.ToString(),
        ["X-Page-Size"] = size.ToString(),
        ["X-Total-Pages"] = ((total + size - 1) / size).ToString(),
    };
}

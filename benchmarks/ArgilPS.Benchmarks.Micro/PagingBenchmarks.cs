using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Core.Paging;
using BenchmarkDotNet.Attributes;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// A paged list read to its end through the module's Pager (the one HTTP path: request building,
/// the key, retries' bookkeeping, the size limit, redaction-ready logging off, the envelope read, the
/// mapper), beside a plain HttpClient loop over the same in-memory handler that reads the same
/// envelope and maps with System.Text.Json. No socket: what is measured is the client's own work.
/// </summary>
[Config(typeof(InProcessConfig))]
public class PagingBenchmarks
{
    private const string BaseUri = "http://127.0.0.1:9/v1/";
    private PageHandler _handler = null!;
    private ArgilHttpClient _client = null!;
    private HttpClient _raw = null!;

    [Params(10)]
    public int Pages { get; set; }

    [Params(100)]
    public int PageSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _handler = new PageHandler(Pages, PageSize);
        var settings = new ArgilClientSettings(new Uri(BaseUri), new ApiKey("bench-key-0123456789"));
        _client = new ArgilHttpClient(settings, http: new HttpMessageInvoker(_handler, disposeHandler: false));
        _raw = new HttpClient(_handler, disposeHandler: false) { BaseAddress = new Uri(BaseUri) };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HttpClient loop + System.Text.Json")]
    public async Task<int> RawLoop()
    {
        var all = new List<Avatar>();
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"avatars?page={page}&pageSize={PageSize}");
            request.Headers.TryAddWithoutValidation("x-api-key", "bench-key-0123456789");
            using var response = await _raw.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            using var doc = JsonDocument.Parse(body);
            var items = doc.RootElement.GetProperty("items");
            var dtos = items.Deserialize(AvatarJsonContext.Default.ListAvatarDto)!;
            foreach (var dto in dtos) if (dto is not null) all.Add(AvatarMapper.ToAvatar(dto));
            if (dtos.Count < PageSize || all.Count >= doc.RootElement.GetProperty("totalItems").GetInt32()) break;
        }
        return all.Count;
    }

    [Benchmark(Description = "ArgilPS Pager, items read from the stream")]
    public async Task<int> Pager()
    {
        var pager = new Pager<Avatar>(_client, () => new ApiRequest("Avatar", HttpMethod.Get, "avatars"),
            PagingStyle.BodyEnvelope("items", "pageSize", PageSize), (item, index, log) => AvatarMapper.ReadListItem(item, index, log.Debug));
        var all = await pager.ReadAllAsync(NullRequestLog.Instance, CancellationToken.None).ConfigureAwait(false);
        return all.Count;
    }

    /// <summary>Answers page N of the list from bodies built once.</summary>
    private sealed class PageHandler : HttpMessageHandler
    {
        private readonly byte[][] _pages;

        public PageHandler(int pages, int pageSize)
        {
            var all = TestData.AvatarArray(pages * pageSize);
            using var doc = JsonDocument.Parse(all);
            var items = doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToArray();
            _pages = Enumerable.Range(0, pages)
                .Select(p => Encoding.UTF8.GetBytes(TestData.Envelope("[" + string.Join(",", items.Skip(p * pageSize).Take(pageSize)) + "]", items.Length)))
                .ToArray();
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            var at = query.IndexOf("page=", StringComparison.Ordinal);
            var end = query.IndexOf('&', at);
            var number = int.Parse(end < 0 ? query.Substring(at + 5) : query.Substring(at + 5, end - at - 5), System.Globalization.CultureInfo.InvariantCulture);
            var body = number >= 1 && number <= _pages.Length ? _pages[number - 1] : Encoding.UTF8.GetBytes(TestData.Envelope("[]", 0));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json; charset=utf-8" } } },
            });
        }
    }
}

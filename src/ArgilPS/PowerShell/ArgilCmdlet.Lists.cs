using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core.Paging;

namespace ArgilPS.Commands;

public abstract partial class ArgilCmdlet
{
    /// <summary>
    /// <see cref="WritePaged{T}"/> for a list read item by item: each object is written as soon as
    /// it is read, while the rest of the answer is still arriving, and the reading stops (no more of
    /// the body, no next page) once -First has its items. With -IncludeTotalCount, the first page is
    /// held until its end, so the count (which an envelope may put after the items) comes first.
    /// The next page is requested only once the objects of the page before are written.
    /// </summary>
    private long WriteStreamed<T>(Pager<T> pager, Func<T, bool>? where)
    {
        var paging = PagingParameters;
        var window = new PageWindow(paging?.Skip ?? 0, paging?.First ?? ulong.MaxValue);
        var countWanted = paging?.IncludeTotalCount == true;
        if (window.Satisfied && !countWanted) return 0;
        long written = 0;
        Run<bool>(async (log, post, ct) =>
        {
            var cursor = pager.OpenStreaming();
            var firstPage = countWanted ? new List<T>() : null;
            while (!cursor.Done)
            {
                var held = firstPage;
                var page = await cursor.NextAsync(item =>
                {
                    if (where is not null && !where(item)) return true;
                    if (window.Admit())
                    {
                        Interlocked.Increment(ref written);
                        if (held is not null) held.Add(item);
                        else post(() => WriteObject(item));
                    }
                    return !window.Satisfied || held is not null;
                }, log, ct).ConfigureAwait(false);
                if (firstPage is not null)
                {
                    // A client-side filter makes the API's count a count of something else.
                    var total = page?.TotalCount is { } t && where is null ? paging!.NewTotalCount((ulong)t, 1.0) : paging!.NewTotalCount(0, 0.0);
                    post(() => WriteObject(total));
                    foreach (var item in firstPage) post(() => WriteObject(item));
                    firstPage = null;
                }
                if (page is null || window.Satisfied) break;
                if (!cursor.Done)
                {
                    // The next page is asked for once this page's objects have gone through the
                    // pipeline: a consumer that stops (Select-Object -First) stops the requests too.
                    var drained = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    using (ct.Register(() => drained.TrySetCanceled()))
                    {
                        post(() => drained.TrySetResult(true));
                        await drained.Task.ConfigureAwait(false);
                    }
                }
            }
            return true;
        });
        return written;
    }
}

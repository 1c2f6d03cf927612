using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Core.Paging;

namespace ArgilPS.Core.Polling;

/// <summary>
/// Observes many pending ids through a paged list, for <see cref="Poller{T}.ObserveMany"/>: pages are
/// read from the first until every pending id has been seen, the list ends, or the round's page
/// budget (<see cref="PageBudget"/>) is spent. What the pages showed of the pending ids is returned;
/// the ids they did not show are left out, for the poller to get one by one.
/// </summary>
internal static class ListObservation
{
    /// <summary>The most pages one round reads, whatever is pending.</summary>
    public const int MaxPagesPerRound = 5;

    /// <summary>
    /// How many pages a round may read for <paramref name="pending"/> ids: one per four ids pending,
    /// at least one and at most <see cref="MaxPagesPerRound"/>. A page is worth reading when it can
    /// save gets; when the list never shows the pending ids (they are further down a long list),
    /// the pages read are lost, and this keeps that loss to a quarter of the gets (plus one page).
    /// </summary>
    public static int PageBudget(int pending) => Math.Max(1, Math.Min(MaxPagesPerRound, (pending + 3) / 4));

    /// <summary>
    /// Reads pages of <paramref name="pager"/> until every id of <paramref name="ids"/> is seen, the
    /// list ends, or <paramref name="maxPages"/> pages have been read. The first entry with an id
    /// counts (as a get shows one item). A streaming pager stops receiving as soon as the last
    /// pending id has been read.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, T>> ObserveAsync<T>(Pager<T> pager, IReadOnlyList<string> ids, Func<T, string?> idOf,
        int maxPages, IRequestLog log, CancellationToken cancellationToken) where T : class
    {
        var wanted = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);

        bool Take(T item)
        {
            if (idOf(item) is { Length: > 0 } id && wanted.Contains(id) && !seen.ContainsKey(id)) seen[id] = item;
            return seen.Count < wanted.Count;
        }

        var pages = 0;
        var ended = false;
        if (pager.Streams)
        {
            var cursor = pager.OpenStreaming();
            while (seen.Count < wanted.Count && pages < maxPages)
            {
                if (await cursor.NextAsync(Take, log, cancellationToken).ConfigureAwait(false) is null)
                {
                    ended = true;
                    break;
                }
                pages++;
            }
            ended |= cursor.Done;
        }
        else
        {
            var cursor = pager.Open();
            while (seen.Count < wanted.Count && pages < maxPages)
            {
                if (await cursor.NextAsync(log, cancellationToken).ConfigureAwait(false) is not { } page)
                {
                    ended = true;
                    break;
                }
                pages++;
                foreach (var item in page.Items)
                    if (!Take(item)) break;
            }
            ended |= cursor.Done;
        }

        if (seen.Count < wanted.Count && log.IsVerboseEnabled())
        {
            var missing = wanted.Count - seen.Count;
            log.Verbose(ended
                ? $"The list showed {seen.Count} of the {wanted.Count} pending items; the {missing} it did not show are checked one by one."
                : $"The first {pages} page(s) of the list showed {seen.Count} of the {wanted.Count} pending items; the {missing} others are checked one by one.");
        }
        return seen;
    }
}

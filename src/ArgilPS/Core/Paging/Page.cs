using System.Collections.Generic;

namespace ArgilPS.Core.Paging;

/// <summary>One page of a list: its items, what the API said of the whole list, and whether more pages follow.</summary>
internal sealed class Page<T>
{
    public Page(int number, IReadOnlyList<T> items, long? totalCount, bool hasNext)
    {
        Number = number;
        Items = items;
        TotalCount = totalCount;
        HasNext = hasNext;
    }

    /// <summary>The page number asked for, from 1.</summary>
    public int Number { get; }

    public IReadOnlyList<T> Items { get; }

    /// <summary>How many items the whole list holds, when the API says (or, unpaged, the items themselves); null when unknown.</summary>
    public long? TotalCount { get; }

    /// <summary>Whether another page may follow this one.</summary>
    public bool HasNext { get; }

    /// <summary>The page's items as they came on the wire (hash and length), to notice a page answered twice.</summary>
    internal (int Length, int Hash) Fingerprint { get; init; }
}

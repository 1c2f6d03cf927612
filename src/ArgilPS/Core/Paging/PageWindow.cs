using System.Collections.Generic;

namespace ArgilPS.Core.Paging;

/// <summary>
/// The part of a list a caller wants, "skip S, then at most F", applied page by page as the pages
/// arrive: PowerShell's -Skip and -First, without PowerShell.
/// </summary>
internal sealed class PageWindow
{
    private ulong _toSkip;
    private ulong _left;

    public PageWindow(ulong skip = 0, ulong first = ulong.MaxValue)
    {
        _toSkip = skip;
        _left = first;
    }

    /// <summary>Whether the window is full: no more items, so no more pages, are needed.</summary>
    public bool Satisfied => _left == 0;

    /// <summary>Whether the next item of the list falls in the window (it is counted either way).</summary>
    public bool Admit()
    {
        if (_left == 0) return false;
        if (_toSkip > 0)
        {
            _toSkip--;
            return false;
        }
        _left--;
        return true;
    }

    /// <summary>The items of one page that fall in the window, in order.</summary>
    public IReadOnlyList<T> Take<T>(IReadOnlyList<T> items)
    {
        var taken = new List<T>();
        foreach (var item in items)
        {
            if (_left == 0) break;
            if (_toSkip > 0)
            {
                _toSkip--;
                continue;
            }
            taken.Add(item);
            _left--;
        }
        return taken;
    }
}

namespace ArgilPS;

/// <summary>An Argil subtitle style: what <c>New-ArgilVideo -SubtitleStyleId</c> takes.</summary>
public sealed class SubtitleStyle
{
    /// <summary>The style's id (a UUID), as <c>subtitles.styleId</c> of a new video takes it.</summary>
    public string Id { get; set; } = "";

    /// <summary>The style's name, such as "Classic".</summary>
    public string Name { get; set; } = "";

    /// <summary>The name, or the id of a style without one.</summary>
    public override string ToString() => Name.Length > 0 ? Name : Id;
}

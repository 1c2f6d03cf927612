using System;
using System.Collections;
using System.Management.Automation;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Videos;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilVideo: gets videos by id, or lists them (every page, streamed) with filters.</summary>
[Cmdlet(VerbsCommon.Get, "ArgilVideo", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-ArgilVideo.md")]
[OutputType(typeof(Video))]
public sealed class GetArgilVideoCommand : ArgilCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>The ids of the videos to get; videos and objects with an Id or VideoId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Only videos whose name matches; wildcards allowed. The longest literal part of the pattern is
    /// sent as the API's name search, and the pattern is applied here. A name without wildcards
    /// that matches nothing is an error.
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ValidateWildcardPattern]
    public string? Name { get; set; }

    /// <summary>Only videos with this avatar.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(AvatarIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AvatarId { get; set; }

    /// <summary>Only videos with this voice.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? VoiceId { get; set; }

    /// <summary>Only videos whose extras hold these key-value pairs (sent as the API's extrasFilter).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateExtras]
    public IDictionary? Extras { get; set; }

    /// <summary>How many ids of a pipeline are got at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var client = Session.Videos;
        if (ParameterSetName == IdSet)
        {
            // -Skip and -First count the videos written, across every piped id; no request once -First is met.
            GetEachInWindow(Id, ThrottleLimit, client.GetVideoAsync);
            return;
        }

        var filter = new VideoListFilter
        {
            NameSearchQuery = Name is null ? null : VideoNamePattern.SearchText(Name),
            AvatarId = AvatarId,
            VoiceId = VoiceId,
            ExtrasFilter = Extras is null ? null : VideoNamePattern.ExtrasFilterJson(InputRules.ToExtras(Extras, out _)),
        };
        try
        {
            var list = client.ListVideos(filter);
            if (Name is null)
            {
                WritePaged(list);
                return;
            }
            var pattern = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            // A name typed as it is ("Demo [EN]") matches itself even though [ ] are wildcard characters.
            var matches = WritePaged(list, v => string.Equals(v.Name, Name, StringComparison.OrdinalIgnoreCase) || pattern.IsMatch(v.Name));
            var windowAsked = PagingParameters is { } paging && (paging.First == 0 || paging.Skip > 0);
            if (matches == 0 && !windowAsked && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                var message = $"No video is named '{Name}'.";
                WriteError(new ErrorRecord(new ItemNotFoundException(message), "VideoNotFound", ErrorCategory.ObjectNotFound, Name)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use a wildcard (-Name '*part*') or list all videos with Get-ArgilVideo." },
                });
            }
        }
        catch (ArgilApiException e)
        {
            WriteApiError(e, Name);
        }
    }
}

using System;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Assets;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Core.Paging;

namespace ArgilPS.Commands;

/// <summary>Get-ArgilAsset: gets assets by id, or lists them by type, status and name, a page at a time.</summary>
[Cmdlet(VerbsCommon.Get, "ArgilAsset", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpLinks.Base + "Get-ArgilAsset.md")]
[OutputType(typeof(Asset))]
public sealed class GetArgilAssetCommand : ArgilCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary>The ids of the assets to get; assets and objects with an Id or AssetId property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AssetId")]
    [ArgumentCompleter(typeof(AssetIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Only assets of these types (AUDIO, IMAGE, VIDEO); every type when omitted.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet(AssetType.Audio, AssetType.Image, AssetType.Video)]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    /// <summary>Only assets in this status. When omitted none is sent, and the API lists READY assets only (its default).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet(AssetStatus.Processing, AssetStatus.Ready, AssetStatus.Failed)]
    public string? Status { get; set; }

    /// <summary>Only assets whose name matches; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ValidateWildcardPattern]
    public string? Name { get; set; }

    /// <summary>How many ids of a pipeline are got at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var client = Session.Assets;
        if (ParameterSetName == IdSet)
        {
            // -Skip and -First count the assets written, across every piped id; no request once -First is met.
            GetEachInWindow(Id, ThrottleLimit, client.GetAssetAsync);
            return;
        }

        var filter = new AssetListFilter
        {
            Types = (Type ?? Array.Empty<string>()).Select(t => t.ToUpperInvariant()).Distinct().ToList(),
            Status = Status?.ToUpperInvariant(),
        };
        try
        {
            var list = client.ListAssets(filter);
            if (Name is null)
            {
                WritePaged(list);
                return;
            }
            var pattern = WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            // A name typed as it is ("Intro [EN]") matches itself even though [ ] are wildcard characters.
            var matches = WritePaged(list, a => string.Equals(a.Name ?? "", Name, StringComparison.OrdinalIgnoreCase) || pattern.IsMatch(a.Name ?? ""));
            if (matches == 0 && !WildcardPattern.ContainsWildcardCharacters(Name) && PagingParameters.Skip == 0 && PagingParameters.First > 0)
            {
                var message = $"No {(Status ?? AssetStatus.Ready).ToUpperInvariant()} asset is named '{Name}'.";
                WriteError(new ErrorRecord(new ItemNotFoundException(message), "AssetNotFound", ErrorCategory.ObjectNotFound, Name)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = "Use a wildcard (-Name '*part*'), another -Status (PROCESSING or FAILED), or list the assets with Get-ArgilAsset.",
                    },
                });
            }
        }
        catch (ArgilApiException e)
        {
            WriteApiError(e, Name);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Management.Automation;
using ArgilPS.Assets;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Core.Polling;

namespace ArgilPS.Commands;

/// <summary>
/// Wait-ArgilAsset: waits until every piped asset has been processed, polling them all in one loop,
/// and outputs each one as soon as it is READY.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "ArgilAsset", HelpUri = HelpLinks.Base + "Wait-ArgilAsset.md")]
[OutputType(typeof(Asset))]
public sealed class WaitArgilAssetCommand : ArgilCmdlet
{
    private const int ProgressId = 4712;
    private const int ConcurrentPolls = 4;
    private readonly List<string> _ids = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The assets to wait for: ids, or assets and objects with an Id or AssetId property from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AssetId")]
    [ArgumentCompleter(typeof(AssetIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait in all before giving up with an AssetWaitTimeout error per asset still processing; -1 waits forever.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    public int Timeout { get; set; } = 600;

    /// <summary>Seconds between two checks of the assets still processing.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollingInterval { get; set; } = 5;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            if (_seen.Add(id)) _ids.Add(id);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_ids.Count == 0) return;
        var client = Session.Assets;
        var poller = new Poller<Asset>((id, log, ct) => client.GetAssetAsync(id, log, ct), a => AssetStatus.IsTerminal(a.Status), Session.Clock, new PollSettings
        {
            Timeout = Timeout < 0 ? null : TimeSpan.FromSeconds(Timeout),
            Interval = TimeSpan.FromSeconds(PollingInterval),
            Concurrency = ConcurrentPolls,
        })
        {
            // One GET /assets?status=PROCESSING a round, and a get of each asset it no longer shows
            // (see AssetsApi.ObserveProcessingAssetsAsync for why READY and FAILED are not listed).
            ObserveMany = client.ObserveProcessingAssetsAsync,
            DescribePending = (id, a) => a is null ? Safe(id) : string.IsNullOrWhiteSpace(a.Status) ? NameOf(a) : $"{NameOf(a)} ({a.Status})",
        };
        RunPoller(poller, _ids, ProgressId, "Waiting for Argil assets", Finish, WriteCheckFailure, WriteTimeout);
    }

    private static string NameOf(Asset asset) => string.IsNullOrEmpty(asset.Name) ? asset.Id : asset.Name!;

    private void WriteCheckFailure(string id, Exception failure, bool checkedAgain)
    {
        if (checkedAgain) WriteWarning($"Could not check asset {Safe(id)} ({failure.Message}); it is checked again at the next poll.");
        else if (failure is ArgilApiException e) WriteApiError(e, id);
        else WriteError(new ErrorRecord(failure, "AssetWaitFailed", ErrorCategory.NotSpecified, Safe(id)));
    }

    /// <summary>Writes an asset that reached a terminal status: the asset when READY, else an error.</summary>
    private void Finish(string id, Asset asset)
    {
        if (string.Equals(asset.Status, AssetStatus.Ready, StringComparison.OrdinalIgnoreCase))
        {
            WriteObject(asset);
            return;
        }
        var message = $"Processing of asset '{asset.Name}' ({asset.Id}) failed (status FAILED).";
        WriteError(new ErrorRecord(new InvalidOperationException(message), "AssetProcessingFailed", ErrorCategory.InvalidResult, asset)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Check that the URL serves a publicly reachable image (jpg, png) or video (mp4, mov), then upload it again with New-ArgilAsset.",
            },
        });
    }

    private void WriteTimeout(string id, Asset? asset)
    {
        var what = asset is null ? $"Asset {Safe(id)} could not be checked"
            : string.IsNullOrWhiteSpace(asset.Status) ? $"Asset '{asset.Name}' ({id}) had not finished processing (the API gave no status)"
            : $"Asset '{asset.Name}' ({id}) was still {asset.Status}";
        var message = Timeout == 0 ? $"{what}; -Timeout 0 allows no waiting." : $"{what} after waiting {Timeout} seconds (-Timeout {Timeout}).";
        WriteError(new ErrorRecord(new TimeoutException(message), "AssetWaitTimeout", ErrorCategory.OperationTimeout, (object?)asset ?? Safe(id))
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = $"Wait again with a larger -Timeout: Get-ArgilAsset -Id {Safe(id)} | Wait-ArgilAsset -Timeout {Math.Min(Math.Max(Timeout, 60) * 2L, int.MaxValue)}",
            },
        });
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using ArgilPS.Core;
using ArgilPS.Core.Downloads;
using ArgilPS.Completion;
using ArgilPS.Videos;

namespace ArgilPS.Commands;

/// <summary>
/// Save-ArgilVideo: downloads rendered videos (their MP4) to files, with a byte progress bar, and
/// outputs each file. The file is written under a temporary .partial name and renamed when whole;
/// an existing file is kept unless -Force; the API key never goes to the download host.
/// </summary>
[Cmdlet(VerbsData.Save, "ArgilVideo", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet, HelpUri = HelpLinks.Base + "Save-ArgilVideo.md")]
[OutputType(typeof(FileInfo))]
public sealed class SaveArgilVideoCommand : ArgilCmdlet
{
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";
    private const int ProgressId = 4713;

    // InputObject is the default set so that a piped Video binds to it: the engine tries the
    // default set first, where a Video would otherwise bind to -Id by its Id property and be got again.

    private string? _folder;
    private string? _file;
    private bool _folderChecked;
    private int _videos;

    /// <summary>The ids of the videos to save; objects with an Id or VideoId property can be piped in. Each is got first, for its status and address.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Videos (from Get-, New-, Start-ArgilVideoRender or Wait-ArgilVideo), saved as they are.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Video[] InputObject { get; set; } = Array.Empty<Video>();

    /// <summary>
    /// A folder (the files are named &lt;name&gt;-&lt;id&gt;.mp4 there), or, for one video, a file. An
    /// existing folder, a path ending in a separator, or a path without an extension is a folder
    /// (created when missing); a path with an extension is a file. The current location by default.
    /// </summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Saves the version with the subtitles burnt in (videoUrlSubtitled), as &lt;name&gt;-&lt;id&gt;-subtitled.mp4.</summary>
    [Parameter]
    public SwitchParameter Subtitled { get; set; }

    /// <summary>Overwrites a file that exists already.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        string resolved;
        if (Path is null)
        {
            var here = SessionState.Path.CurrentLocation;
            if (!IsFileSystem(here.Provider))
                ThrowPathError($"the current location ({here.Path}) is not a folder of the file system; give -Path, or Set-Location to a folder", Path ?? here.Path);
            resolved = here.ProviderPath;
        }
        else
        {
            if (Path.Trim().Length == 0)
                ThrowPathError("the path is only white space; give a folder or a file name (or leave -Path out for the current location)", Path);
            ProviderInfo provider;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out provider, out _);
            }
            catch (Exception e) when (e is ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException or ArgumentException or PSInvalidOperationException)
            {
                ThrowPathError($"'{Path}' is not a usable path ({e.Message})", Path);
                return;
            }
            if (!IsFileSystem(provider))
                ThrowPathError($"'{Path}' is on the {provider.Name} provider; videos are saved to the file system", Path);
        }

        var endsWithSeparator = Path is not null && (Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal));
        if (Directory.Exists(resolved) || endsWithSeparator || !System.IO.Path.HasExtension(resolved))
        {
            _folder = System.IO.Path.GetFullPath(resolved);
            if (File.Exists(_folder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar)))
                ThrowPathError($"'{Path}' is a file, not a folder; a path with an extension names the file to save one video to", Path!);
            return;
        }
        _file = System.IO.Path.GetFullPath(resolved);
        var parent = System.IO.Path.GetDirectoryName(_file);
        if (parent is null || !Directory.Exists(parent))
            ThrowPathError($"the folder of '{Path}' does not exist", Path!, ErrorCategory.ObjectNotFound, "PathNotFound");
    }

    private static bool IsFileSystem(ProviderInfo provider) => string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

    private void ThrowPathError(string rule, string target, ErrorCategory category = ErrorCategory.InvalidArgument, string errorId = "InvalidPath")
    {
        var message = $"Cannot use -Path: {rule}.";
        ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message, "Path"), errorId, category, target)
        {
            ErrorDetails = new ErrorDetails(message),
        });
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var video in InputObject) Save(video);
            return;
        }
        var client = Session.Videos;
        foreach (var id in Id)
        {
            if (OneFileTaken(id)) continue;
            if (TryRun((log, ct) => client.GetVideoAsync(id, log, ct), id, out var video)) Save(video, counted: true);
        }
    }

    /// <summary>A -Path that names a file takes one video; each one after it is an error (nothing is requested for it).</summary>
    private bool OneFileTaken(object target)
    {
        if (_file is null) return false;
        if (++_videos == 1) return false;
        WriteInvalidArgument("Path", $"'{Path}' names one file, so it takes one video; give a folder to save several", target, "PathIsOneFile");
        return true;
    }

    private void Save(Video video, bool counted = false)
    {
        if (!counted && OneFileTaken(video)) return;
        var label = $"'{video.Name}' ({video.Id})";
        if (!VideoStatus.Is(video.Status, VideoStatus.DONE))
        {
            var never = VideoStatus.Is(video.Status, VideoStatus.IDLE) && string.IsNullOrEmpty(video.VideoUrl);
            var status = string.IsNullOrWhiteSpace(video.Status) ? "no status" : "status " + video.Status;
            WriteVideoError(video, "VideoNotReady", ErrorCategory.ResourceUnavailable,
                $"Video {label} is not rendered yet ({status}); only a DONE video can be saved.",
                never ? $"Render it and wait for it: Start-ArgilVideoRender -Id {ArgumentCompletion.Quote(video.Id)} | Wait-ArgilVideo | Save-ArgilVideo"
                    : $"Wait for it first: Wait-ArgilVideo -Id {ArgumentCompletion.Quote(video.Id)} | Save-ArgilVideo");
            return;
        }
        var url = Subtitled ? video.VideoUrlSubtitled : video.VideoUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            if (Subtitled)
                WriteVideoError(video, "SubtitledVideoMissing", ErrorCategory.ObjectNotFound,
                    $"Video {label} has no subtitled file (videoUrlSubtitled): it was made without subtitles.",
                    "Save it without -Subtitled, or make the video with subtitles (New-ArgilVideo -Subtitles).");
            else
                WriteVideoError(video, "VideoUrlMissing", ErrorCategory.InvalidResult,
                    $"Video {label} is DONE but the API gave no videoUrl to download it from.",
                    $"Get it again later: Get-ArgilVideo -Id {ArgumentCompletion.Quote(video.Id)} | Save-ArgilVideo");
            return;
        }

        var target = _file ?? System.IO.Path.Combine(_folder!, VideoFileName.For(video, Subtitled));
        if (_file is null && !string.Equals(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target)), _folder!.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar), StringComparison.Ordinal))
        {
            // Not reached: VideoFileName leaves no separator; the check stays, since the name is the server's.
            WriteVideoError(video, "InvalidVideoFileName", ErrorCategory.InvalidData, $"Video {label} would be saved outside '{_folder}'.", "");
            return;
        }
        if (!ShouldProcess(target, $"Save video {label}{(Subtitled ? " (subtitled)" : "")}")) return;
        if (!Force && File.Exists(target))
        {
            WriteFileExists(target);
            return;
        }
        if (_folder is not null && !_folderChecked)
        {
            try
            {
                Directory.CreateDirectory(_folder);
                _folderChecked = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "FolderNotCreated", ErrorCategory.WriteError, _folder)
                {
                    ErrorDetails = new ErrorDetails($"Cannot create the folder '{_folder}': {e.Message}"),
                });
            }
        }

        var downloader = Session.Downloads;
        var activity = $"Saving Argil video {label}";
        try
        {
            var file = RunPosting((log, post, ct) => downloader.DownloadAsync(url!, target, Force, progress => post(() => WriteBytes(activity, target, progress)), log, ct));
            WriteObject(file);
        }
        catch (DownloadException e)
        {
            WriteDownloadError(e, video, target);
        }
        finally
        {
            WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private void WriteBytes(string activity, string target, DownloadProgress progress)
    {
        var status = progress.TotalBytes is { } total ? $"{Size(progress.BytesDone)} of {Size(total)}" : Size(progress.BytesDone);
        var record = new ProgressRecord(ProgressId, activity, status) { CurrentOperation = target };
        if (progress.Percent is { } percent) record.PercentComplete = percent;
        WriteProgress(record);
    }

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : bytes >= 1024 ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";

    private void WriteFileExists(string target)
    {
        var message = $"The file '{target}' exists already; it was not overwritten.";
        WriteError(new ErrorRecord(new IOException(message), "FileExists", ErrorCategory.ResourceExists, target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use -Force to overwrite it, or give another -Path." },
        });
    }

    private void WriteDownloadError(DownloadException e, Video video, string target)
    {
        if (e.Kind == DownloadFailureKind.TargetExists && File.Exists(target))
        {
            WriteFileExists(target);
            return;
        }
        var again = $"Run it again: Get-ArgilVideo -Id {ArgumentCompletion.Quote(video.Id)} | Save-ArgilVideo{(Subtitled ? " -Subtitled" : "")}";
        var (id, category, action) = e.Kind switch
        {
            DownloadFailureKind.InvalidUrl => ("InvalidDownloadUrl", ErrorCategory.SecurityError, "The address the API gave was not downloaded; nothing was sent to it."),
            DownloadFailureKind.Stalled => ("DownloadTimeout", ErrorCategory.OperationTimeout, $"Raise Connect-Argil -TimeoutSec, or try later. {again}"),
            DownloadFailureKind.FileSystem => ("FileWriteFailed", ErrorCategory.WriteError, "Check the folder: free space, permissions, and that it still exists."),
            DownloadFailureKind.HttpStatus when e.StatusCode is 403 or 404 or 410 => ("DownloadFailed", e.StatusCode == 403 ? ErrorCategory.PermissionDenied : ErrorCategory.ObjectNotFound,
                $"The link may have expired; get the video again for a new one. {again}"),
            DownloadFailureKind.HttpStatus when e.StatusCode == 429 => ("DownloadFailed", ErrorCategory.LimitsExceeded, $"Wait and run it again. {again}"),
            DownloadFailureKind.HttpStatus or DownloadFailureKind.BadRedirect => ("DownloadFailed", ErrorCategory.InvalidResult, again),
            _ => ("DownloadFailed", ErrorCategory.ConnectionError, $"Nothing of the file was kept. {again}"),
        };
        WriteError(new ErrorRecord(e, id, category, video)
        {
            ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = action },
        });
    }

    private void WriteVideoError(Video video, string errorId, ErrorCategory category, string message, string action) =>
        WriteError(new ErrorRecord(new InvalidOperationException(message), errorId, category, video)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });
}

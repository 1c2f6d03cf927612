using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using ArgilPS.Completion;
using ArgilPS.Core;
using ArgilPS.Subtitles;

namespace ArgilPS.Commands;

/// <summary>
/// Export-ArgilSubtitle: a video's subtitles as WebVTT or ASS text (GET /subtitles/videos/{id}/export),
/// to the pipeline, or to files with -Path.
/// </summary>
[Cmdlet(VerbsData.Export, "ArgilSubtitle", DefaultParameterSetName = TextSet, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Export-ArgilSubtitle.md")]
[OutputType(typeof(string), ParameterSetName = new[] { TextSet })]
[OutputType(typeof(FileInfo), ParameterSetName = new[] { FileSet })]
public sealed class ExportArgilSubtitleCommand : ArgilCmdlet
{
    private const string TextSet = "Text";
    private const string FileSet = "Path";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private string? _folder;
    private string? _file;
    private int _files;
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase); // file name → the video written there

    /// <summary>The ids of the videos; videos (their Id) and objects with a VideoId or Id property can be piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[] VideoId { get; set; } = Array.Empty<string>();

    /// <summary>vtt (WebVTT, the default) or ass (Advanced SubStation Alpha).</summary>
    [Parameter]
    [ValidateSet("vtt", "ass")]
    public string Format { get; set; } = "vtt";

    /// <summary>Include the video's subtitle style (font, colours, position) in the file.</summary>
    [Parameter]
    public SwitchParameter IncludeStyling { get; set; }

    /// <summary>
    /// Write files instead of text: an existing folder (each file named as the API suggests, else
    /// &lt;videoId&gt;.vtt), or a file when there is one video. Taken literally (no wildcards).
    /// </summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Replace files that exist.</summary>
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (ParameterSetName != FileSet) return;
        if (Path.Trim().Length == 0)
            ThrowPathError("Cannot use -Path: the path is only white space; give a folder or a file name.", "InvalidPath", ErrorCategory.InvalidArgument);
        string full;
        ProviderInfo provider;
        try
        {
            full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out provider, out _);
        }
        catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PSArgumentException)
        {
            ThrowPathError($"Cannot use -Path '{Path}': {e.Message}", "PathNotFound", ErrorCategory.ObjectNotFound);
            return;
        }
        if (provider.Name != "FileSystem")
        {
            ThrowPathError($"Cannot use -Path '{Path}': it is on the {provider.Name} provider; give a folder or a file of the file system.", "PathNotFileSystem", ErrorCategory.InvalidArgument);
        }
        if (Directory.Exists(full))
        {
            _folder = full;
            return;
        }
        if (Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal))
        {
            ThrowPathError($"Cannot use -Path '{Path}': the folder does not exist. Create it first (New-Item -ItemType Directory).", "PathNotFound", ErrorCategory.ObjectNotFound);
        }
        var parent = System.IO.Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(parent) || !Directory.Exists(parent))
        {
            ThrowPathError($"Cannot use -Path '{Path}': the folder '{parent}' does not exist. Create it first (New-Item -ItemType Directory).", "PathNotFound", ErrorCategory.ObjectNotFound);
        }
        if (MyInvocation.BoundParameters.ContainsKey(nameof(VideoId)) && VideoId.Length > 1)
        {
            ThrowPathError($"Cannot use -Path '{Path}' for {VideoId.Length} videos: it names a file, which can hold the subtitles of one video. Give a folder.", "PathIsAFile", ErrorCategory.InvalidArgument);
        }
        _file = full;
    }

    private void ThrowPathError(string message, string errorId, ErrorCategory category) =>
        ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message, nameof(Path)), errorId, category, Path)
        {
            ErrorDetails = new ErrorDetails(message),
        });

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var format = Format.ToLowerInvariant();
        foreach (var id in VideoId)
        {
            if (ParameterSetName == TextSet)
            {
                if (Export(id, format, out var export)) WriteObject(export.Text);
                continue;
            }

            if (_file is not null)
            {
                if (_files > 0)
                {
                    WriteInvalidArgument(nameof(Path), $"'{Path}' names a file, which holds the subtitles of the first video only; give a folder to export several (video '{id}' was not exported)", id, "PathIsAFile");
                    continue;
                }
                if (Refused(_file, id)) continue;
                if (!ShouldProcess(_file, $"Export the {format} subtitles of video '{id}'")) continue;
                if (Export(id, format, out var one) && Write(one.Text, _file, id)) _files++;
                continue;
            }

            if (!ShouldProcess(_folder!, $"Export the {format} subtitles of video '{id}' into a file named as the API suggests")) continue;
            if (!Export(id, format, out var export2)) continue;
            var target = InFolder(_folder!, export2, format);
            if (Refused(target, id)) continue;
            if (Write(export2.Text, target, id)) _files++;
        }
    }

    private bool Export(string id, string format, out SubtitleExport export)
    {
        var api = Session.Subtitles; // here, on the pipeline thread: the connection may be this runspace's
        var styled = IncludeStyling.IsPresent;
        return TryRun((log, ct) => api.ExportAsync(id, format, styled, log, ct), id, out export, retell: e =>
            e.Kind == ApiFailureKind.InvalidRequest && e.StatusCode is not null && e.RecommendedAction is null // refused by the API, not before sending
                ? e.Rephrase($"The subtitles of video '{id}' could not be exported: {e.Message}",
                    $"Subtitles exist once a video is rendered: check that Get-ArgilVideo -Id {ArgumentCompletion.Quote(id)} shows Status DONE (Start-ArgilVideoRender, then Wait-ArgilVideo).")
                : e);
    }

    /// <summary>
    /// Where a video's file goes in the folder: the name the API suggests when it is a plain file name, else
    /// &lt;videoId&gt;.&lt;format&gt;; a name this call has used already gets the id; never outside the folder.
    /// </summary>
    private string InFolder(string folder, SubtitleExport export, string format)
    {
        var id = export.VideoId;
        bool TakenByAnother(string n) => _names.TryGetValue(n, out var owner) && owner != id;
        var name = SubtitleFileName.Choose(export.SuggestedFileNames, id, format);
        if (TakenByAnother(name))
        {
            // Two videos of the same name: the second is named by its id, so neither replaces the other.
            var byId = SubtitleFileName.ForVideoId(id, format);
            name = TakenByAnother(byId) ? SubtitleFileName.Choose(new[] { name.Substring(0, name.Length - format.Length - 1) + "-" + byId }, id, format) : byId;
        }
        var target = System.IO.Path.Combine(folder, name);
        var root = System.IO.Path.GetFullPath(folder).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        if (!string.Equals(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target)), root, StringComparison.Ordinal))
        {
            // Not reachable with the name rules; kept so that no rule change can ever write outside the folder.
            name = SubtitleFileName.ForVideoId(id, format);
            target = System.IO.Path.Combine(folder, name);
        }
        _names[name] = id;
        return target;
    }

    /// <summary>Whether <paramref name="target"/> may not be written: it exists and -Force was not given, or it is a folder.</summary>
    private bool Refused(string target, string id)
    {
        if (Directory.Exists(target))
        {
            WriteFileError($"Cannot export the subtitles of video '{id}' to '{target}': a folder has that name.", "PathIsAFolder", ErrorCategory.ResourceExists, target,
                "Give another file name, or the folder itself to export into it.");
            return true;
        }
        if (File.Exists(target) && !Force)
        {
            WriteFileError($"Cannot export the subtitles of video '{id}' to '{target}': the file exists.", "FileExists", ErrorCategory.ResourceExists, target,
                "Add -Force to replace it, or give another -Path.");
            return true;
        }
        return false;
    }

    /// <summary>
    /// Writes the file under a temporary name of its own (created new: never an existing file, nor through
    /// a link another process put there), then renames it: a failure never leaves a partial file under the final name.
    /// </summary>
    private bool Write(string text, string target, string id)
    {
        var partial = target + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";
        var created = false;
        try
        {
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                created = true;
                var bytes = Utf8.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
            }
            if (File.Exists(target))
            {
                if (!Force)
                {
                    // Created since it was checked: not replaced without -Force.
                    File.Delete(partial);
                    Refused(target, id);
                    return false;
                }
                File.Replace(partial, target, null);
            }
            else
            {
                File.Move(partial, target);
            }
            WriteObject(new FileInfo(target));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            try
            {
                if (created && File.Exists(partial)) File.Delete(partial);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Left as *.partial, never under the final name.
            }
            WriteFileError($"Cannot write the subtitles of video '{id}' to '{target}': {e.Message}", "FileWriteFailed", ErrorCategory.WriteError, target,
                "Check that the folder can be written to and that the file is not open elsewhere.");
            return false;
        }
    }

    private void WriteFileError(string message, string errorId, ErrorCategory category, string target, string action) =>
        WriteError(new ErrorRecord(new IOException(message), errorId, category, target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });
}

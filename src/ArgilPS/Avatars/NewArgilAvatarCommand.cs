using System;
using System.Collections;
using System.Management.Automation;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Completion;

namespace ArgilPS.Commands;

/// <summary>New-ArgilAvatar: creates an avatar from an image (or, deprecated, from a video); it then trains.</summary>
[Cmdlet(VerbsCommon.New, "ArgilAvatar", DefaultParameterSetName = ImageUrlSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "New-ArgilAvatar.md")]
[OutputType(typeof(Avatar))]
public sealed class NewArgilAvatarCommand : ArgilCmdlet
{
    private const string ImageUrlSet = "ImageUrl";
    private const string ImagePathSet = "ImagePath";
    private const string VideoSet = "Video";
    private bool _warnedDeprecated;

    /// <summary>The avatar's name, 1 to 256 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateCharacterCount(1, InputRules.MaximumNameLength)]
    public string Name { get; set; } = "";

    /// <summary>An https URL of a PNG, JPEG or WEBP image: 720p to 4K, exactly 16:9 or 9:16, at most 10 MB.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ImageUrlSet, ValueFromPipelineByPropertyName = true)]
    [ValidateHttpsUrl]
    public Uri ImageUrl { get; set; } = null!;

    /// <summary>A local PNG, JPEG or WEBP image, checked here and sent inline: 720p to 4K, exactly 16:9 or 9:16, at most 10 MB.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ImagePathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Path", "FullName")]
    [ValidateNotNullOrEmpty]
    public string ImagePath { get; set; } = "";

    /// <summary>Deprecated by Argil: an https URL of a 1 to 5 minute training video.</summary>
    [Parameter(Mandatory = true, ParameterSetName = VideoSet, ValueFromPipelineByPropertyName = true)]
    [ValidateHttpsUrl]
    public Uri DatasetVideoUrl { get; set; } = null!;

    /// <summary>Deprecated by Argil: an https URL of the consent video (at most 30 seconds).</summary>
    [Parameter(ParameterSetName = VideoSet, ValueFromPipelineByPropertyName = true)]
    [ValidateHttpsUrl]
    public Uri? ConsentVideoUrl { get; set; }

    /// <summary>The voice to use; without it (or when empty, as in a CSV column left blank) Argil designs one from the image.</summary>
    [Parameter(ParameterSetName = ImageUrlSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ImagePathSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(VoiceIdCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? VoiceId { get; set; }

    /// <summary>Your own metadata: at most 10 key-value pairs, values at most 256 characters.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateExtras]
    public IDictionary? Extras { get; set; }

    /// <summary>How many avatars of a pipeline are created at once (1 to 32); outputs and errors keep the input order.</summary>
    [Parameter]
    [ValidateRange(1, MaximumThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var request = new NewAvatarRequest
        {
            Name = Name,
            VoiceId = string.IsNullOrWhiteSpace(VoiceId) ? null : VoiceId!.Trim(),
            Extras = InputRules.ToExtras(Extras, out _),
        };
        string mode;
        switch (ParameterSetName)
        {
            case ImagePathSet:
                if (!TryReadImage(out var dataUri, out var description)) return;
                request.ImageDataUri = dataUri;
                mode = $"from the image {description}";
                break;
            case VideoSet:
                if (!_warnedDeprecated)
                {
                    WriteWarning("Argil has deprecated creating avatars from a dataset video and will remove it; use -ImageUrl or -ImagePath.");
                    _warnedDeprecated = true;
                }
                request.DatasetVideoUrl = DatasetVideoUrl.AbsoluteUri;
                request.ConsentVideoUrl = ConsentVideoUrl?.AbsoluteUri;
                mode = "from a dataset video";
                break;
            default:
                request.ImageUrl = ImageUrl.AbsoluteUri;
                mode = $"from the image at {ImageUrl.AbsoluteUri}";
                break;
        }
        if (!ShouldProcess($"Argil avatar '{Name}'", $"Create (training uses Argil credits) {mode}")) return;

        var client = Session.Avatars;
        var name = Name;
        var key = Session.Settings.ApiKey;
        RunOrdered(ThrottleLimit, (log, ct) => client.CreateAvatarAsync(request, log, ct), name, avatar =>
        {
            WriteObject(avatar);
            AvatarCompleter.Invalidate(Session);
        }, e => MayHaveBeenCreated(e, name, key));
    }

    /// <inheritdoc/>
    protected override void EndProcessing() => FinishOrdered();

    /// <summary>
    /// A failure after which the avatar may exist (and be billed), told so, with the command that
    /// checks before creating it again; any other failure as it is.
    /// </summary>
    internal static ArgilApiException MayHaveBeenCreated(ArgilApiException failure, string name, ApiKey key)
    {
        if (!failure.MayHaveSucceeded) return failure;
        var check = Redactor.Redact("Get-ArgilAvatar -Name " + ArgumentCompletion.Quote(WildcardPattern.Escape(name)), key);
        return failure.Rephrase(Redactor.Redact($"{failure.Message} The avatar '{name}' may have been created (and billed); check with {check} before creating it again.", key),
            $"Run {check} to see whether it exists before running New-ArgilAvatar again.", mayHaveSucceeded: true);
    }

    private bool TryReadImage(out string dataUri, out string description)
    {
        dataUri = description = "";
        string path;
        try
        {
            path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ImagePath, out var provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                WriteInvalidArgument(nameof(ImagePath), $"'{ImagePath}' is on the {provider.Name} provider, not a file system path", ImagePath, "InvalidImagePath");
                return false;
            }
        }
        catch (Exception e) when (e is ItemNotFoundException or DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException)
        {
            WriteInvalidArgument(nameof(ImagePath), $"'{ImagePath}' is not a file system path ({e.Message})", ImagePath, "InvalidImagePath");
            return false;
        }
        if (System.IO.Directory.Exists(path))
        {
            WriteInvalidArgument(nameof(ImagePath), $"'{path}' is a directory; give the path of an image file in it", ImagePath, "InvalidImagePath");
            return false;
        }
        if (!System.IO.File.Exists(path))
        {
            WriteInvalidArgument(nameof(ImagePath), $"the file '{path}' does not exist", ImagePath, "ImageNotFound");
            return false;
        }
        // Checked from the directory entry before opening: a huge file is refused by its size (its
        // header may lie beyond what is read of it), and a named pipe, which reports no length,
        // would block the open.
        var size = new System.IO.FileInfo(path).Length;
        if (size > ImageInspector.MaximumBytes || size == 0)
        {
            WriteInvalidArgument(nameof(ImagePath), size == 0
                ? $"'{path}' is empty or not a regular file"
                : $"'{path}' breaks Argil's image rules: the file is {size:N0} bytes; Argil accepts at most 10 MB ({ImageInspector.MaximumBytes:N0} bytes)",
                ImagePath, "InvalidImage");
            return false;
        }
        byte[] data;
        long length;
        try
        {
            data = ImageInspector.ReadBounded(path, out length);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            WriteInvalidArgument(nameof(ImagePath), $"the file '{path}' cannot be read: {e.Message}", ImagePath, "ImageUnreadable");
            return false;
        }
        var image = ImageInspector.Inspect(data);
        if (image is null)
        {
            WriteInvalidArgument(nameof(ImagePath), $"'{path}' is not a PNG, JPEG or WEBP image (its content was checked, not its name)", ImagePath, "InvalidImage");
            return false;
        }
        var rule = ImageInspector.CheckAvatarRules(image, length);
        if (rule is not null)
        {
            WriteInvalidArgument(nameof(ImagePath), $"'{path}' breaks Argil's image rules: {rule}", ImagePath, "InvalidImage");
            return false;
        }
        dataUri = $"data:{image.MimeType};base64,{Convert.ToBase64String(data)}";
        description = $"{System.IO.Path.GetFileName(path)} ({image.Format} {image.Width}x{image.Height})";
        return true;
    }
}

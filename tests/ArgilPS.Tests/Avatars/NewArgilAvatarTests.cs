using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ArgilPS.Tests.Infrastructure;
using Xunit;

namespace ArgilPS.Tests.Avatars;

public class NewArgilAvatarTests
{
    [Fact]
    public void CreatesAnImageAvatarFromAUrlInTraining()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAvatar -Name 'Jane' -ImageUrl 'https://example.com/jane.png' -VoiceId 'v-1' -Extras ([ordered]@{ team = 'sales'; n = 3 })");
        Assert.Empty(r.Errors);
        var avatar = r.Objects<Avatar>().Single();
        Assert.Equal("Jane", avatar.Name);
        Assert.Equal("TRAINING", avatar.Status);
        Assert.Equal("3", avatar.Extras["n"]);
        var body = s.Sandbox.Journal.Single(j => j.Method == "POST").Body;
        Assert.Equal("{\"type\":\"IMAGE\",\"name\":\"Jane\",\"datasetImage\":{\"url\":\"https://example.com/jane.png\"},\"voiceId\":\"v-1\",\"extras\":{\"team\":\"sales\",\"n\":\"3\"}}",
            body);
    }

    [Theory]
    [InlineData("png", 1920, 1080, "image/png")]
    [InlineData("jpg", 1080, 1920, "image/jpeg")]
    public void SendsALocalImageAsADataUri(string ext, int w, int h, string mime)
    {
        using var s = new SandboxHost();
        var data = ext == "png" ? TestImages.Png(w, h) : TestImages.Jpeg(w, h);
        var path = TestImages.WriteTemp(data, "." + ext);
        try
        {
            var r = s.Run($"New-ArgilAvatar -Name 'Local' -ImagePath '{path}'");
            Assert.Empty(r.Errors);
            var avatar = r.Objects<Avatar>().Single();
            Assert.Equal(w, avatar.Width);
            Assert.Equal(w > h ? "ASPECT_RATIO_16_9" : "ASPECT_RATIO_9_16", avatar.Orientation);
            var body = s.Sandbox.Journal.Single(j => j.Method == "POST").Body;
            Assert.Contains($"\"base64\":\"data:{mime};base64,{Convert.ToBase64String(data)}\"", body);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void VideoModeWarnsThatArgilDeprecatedIt()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAvatar -Name 'Old' -DatasetVideoUrl 'https://example.com/d.mp4' -ConsentVideoUrl 'https://example.com/c.mp4'");
        Assert.Empty(r.Errors);
        Assert.Contains(r.Warnings, w => w.Contains("deprecated"));
        Assert.Equal("NOT_TRAINED", r.Objects<Avatar>().Single().Status);
        Assert.Contains("\"datasetVideo\":{\"url\":\"https://example.com/d.mp4\"}", s.Sandbox.Journal.Single().Body);
    }

    [Fact]
    public void WhatIfSendsNothing()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAvatar -Name 'Maybe' -ImageUrl 'https://example.com/a.png' -WhatIf");
        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Empty(s.Sandbox.Journal);
    }

    [Fact]
    public void BindsRowsOfObjectsByPropertyName()
    {
        using var s = new SandboxHost();
        var r = s.Run(@"
@'
Name,ImageUrl,VoiceId
Ann,https://example.com/ann.png,voice-a
Bob,https://example.com/bob.jpg,
'@ | ConvertFrom-Csv | New-ArgilAvatar");
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { "Ann", "Bob" }, r.Objects<Avatar>().Select(a => a.Name));
        // Piped rows are sent a few at a time, so the journal's order is the order they arrived in.
        var bodies = s.Sandbox.Journal.Select(j => j.Body).ToList();
        Assert.Contains("\"voiceId\":\"voice-a\"", bodies.Single(b => b.Contains("\"name\":\"Ann\"")));
        Assert.DoesNotContain("voiceId", bodies.Single(b => b.Contains("\"name\":\"Bob\"")));
    }

    [Fact]
    public void ABadRowIsAnErrorForThatRowOnly()
    {
        using var s = new SandboxHost();
        var r = s.Run(@"
[pscustomobject]@{ Name = 'Good1'; ImageUrl = 'https://example.com/1.png' },
[pscustomobject]@{ Name = 'Bad'; ImageUrl = 'http://example.com/2.png' },
[pscustomobject]@{ Name = 'Good2'; ImageUrl = 'https://example.com/3.png' } | New-ArgilAvatar -ErrorAction SilentlyContinue -ErrorVariable failed
$failed.Count");
        Assert.Equal(new[] { "Good1", "Good2" }, r.Objects<Avatar>().Select(a => a.Name));
        Assert.Equal(1, r.Output.Last().BaseObject);
        Assert.Equal(2, s.RequestCount("POST"));
    }

    public static TheoryData<string, string, string> InvalidInputs => new()
    {
        { "-Name '' -ImageUrl 'https://e.com/a.png'", "Name", "ParameterArgumentValidationError" },
        { $"-Name '{new string('n', 257)}' -ImageUrl 'https://e.com/a.png'", "Name", "ParameterArgumentValidationError" },
        { "-Name a -ImageUrl 'http://e.com/a.png'", "ImageUrl", "ParameterArgumentValidationError" },
        { "-Name a -ImageUrl 'ftp://e.com/a.png'", "ImageUrl", "ParameterArgumentValidationError" },
        { "-Name a -DatasetVideoUrl 'http://e.com/a.mp4'", "DatasetVideoUrl", "ParameterArgumentValidationError" },
        { "-Name a -DatasetVideoUrl 'https://e.com/a.mp4' -ConsentVideoUrl 'http://e.com/c.mp4'", "ConsentVideoUrl", "ParameterArgumentValidationError" },
        { "-Name a -ImageUrl 'https://e.com/a.png' -Extras @{ 1=1;2=2;3=3;4=4;5=5;6=6;7=7;8=8;9=9;10=10;11=11 }", "Extras", "ParameterArgumentValidationError" },
        { $"-Name a -ImageUrl 'https://e.com/a.png' -Extras @{{ k = '{new string('v', 257)}' }}", "Extras", "ParameterArgumentValidationError" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void InvalidParametersFailBeforeAnyRequest(string arguments, string parameter, string errorId)
    {
        using var s = new SandboxHost();
        var r = s.Run($"New-ArgilAvatar {arguments}");
        var error = r.Terminating is ParameterBindingException pbe ? pbe.ErrorRecord : r.Errors.Single();
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.Contains($"'{parameter}'", error.ToString());
        Assert.Empty(s.Sandbox.Journal);
    }

    /// <summary>
    /// Lengths are counted as the API counts them (Unicode characters, JSON Schema's maxLength): a name
    /// of 256 emoji (512 UTF-16 units) is sent and created; 257 are refused before any request.
    /// </summary>
    [Fact]
    public void NamesAndExtrasAreCountedInUnicodeCharactersAsTheApiCountsThem()
    {
        using var s = new SandboxHost();
        var longest = string.Concat(Enumerable.Repeat("\U0001F600", 256));
        s.Host.Runspace.SessionStateProxy.SetVariable("longest", longest);
        var r = s.Run("New-ArgilAvatar -Name $longest -ImageUrl 'https://e.com/a.png' -Extras @{ note = $longest }");
        Assert.Empty(r.Errors);
        Assert.Equal(longest, Assert.Single(r.Objects<Avatar>()).Name);

        s.Sandbox.ClearJournal();
        r = s.Run("New-ArgilAvatar -Name ($longest + [char]::ConvertFromUtf32(0x1F600)) -ImageUrl 'https://e.com/a.png'");
        var error = r.Terminating is ParameterBindingException pbe ? pbe.ErrorRecord : r.Errors.Single();
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        Assert.Contains("257 characters", error.ToString());
        Assert.Empty(s.Sandbox.Journal);
    }

    public static TheoryData<string, string> InvalidImages => new()
    {
        { "ratio", "aspect ratio must be exactly 16:9" },
        { "small", "at least 720p" },
        { "huge", "at most 4K" },
        { "notimage", "is not a PNG, JPEG or WEBP image" },
        { "missing", "does not exist" },
        { "toolarge", "at most 10 MB" },
    };

    [Theory]
    [MemberData(nameof(InvalidImages))]
    public void ImageRulesAreCheckedLocallyBeforeAnyRequest(string kind, string rule)
    {
        using var s = new SandboxHost();
        var data = kind switch
        {
            "ratio" => TestImages.Png(1600, 1200),
            "small" => TestImages.Png(1024, 576),
            "huge" => TestImages.Png(7680, 4320),
            "notimage" => System.Text.Encoding.ASCII.GetBytes("GIF89a not what we take"),
            "toolarge" => TestImages.Png(1920, 1080, padding: 10 * 1024 * 1024),
            _ => Array.Empty<byte>(),
        };
        var path = kind == "missing" ? Path.Combine(Path.GetTempPath(), "argilps-none-" + Guid.NewGuid() + ".png") : TestImages.WriteTemp(data, ".png");
        try
        {
            var r = s.Run($"New-ArgilAvatar -Name 'X' -ImagePath '{path}'");
            var error = Assert.Single(r.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-ImagePath", error.ToString());
            Assert.Contains(rule, error.ToString());
            Assert.Equal(path, error.TargetObject as string ?? path);
            Assert.Empty(s.Sandbox.Journal);
        }
        finally { if (File.Exists(path)) File.Delete(path); }
    }

    [Fact]
    public void AnApiValidationErrorIsInvalidRequestWithTheApiMessage()
    {
        using var s = new SandboxHost();
        var r = s.Run("New-ArgilAvatar -Name 'X' -ImageUrl 'https://e.com/a.png' -Extras @{ 'sandbox-outcome' = 'EXPLODE' }");
        var error = Assert.Single(r.Errors);
        Assert.Equal("InvalidRequest,ArgilPS.Commands.NewArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("X", error.TargetObject);
        Assert.Contains("Validation error", error.ToString());
    }

    [Fact]
    public void AServerErrorOnCreateSaysTheAvatarMayExistAndIsNotRetried()
    {
        using var s = new SandboxHost();
        s.Sandbox.AddFault(new ArgilPS.Sandbox.SandboxFault { Method = "POST", Path = "/avatars", StatusCode = 500 });
        var r = s.Run("New-ArgilAvatar -Name 'Costly' -ImageUrl 'https://e.com/a.png'");
        var error = Assert.Single(r.Errors);
        Assert.Equal("ServerError,ArgilPS.Commands.NewArgilAvatarCommand", error.FullyQualifiedErrorId);
        Assert.Contains("may have been created", error.ToString());
        Assert.Contains("Get-ArgilAvatar -Name 'Costly'", error.ToString());
        Assert.Equal(1, s.RequestCount("POST"));
    }
}

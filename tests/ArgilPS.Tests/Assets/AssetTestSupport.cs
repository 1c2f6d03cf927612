using System;
using System.Text.Json;
using ArgilPS.Tests.Infrastructure;

namespace ArgilPS.Tests.Assets;

internal static class AssetTestSupport
{
    /// <summary>Uploads an asset straight through the sandbox and returns its id; <paramref name="outcome"/> goes in the URL's sandbox-outcome.</summary>
    public static string UploadAsset(this SandboxHost s, string name, string type = "IMAGE", string? outcome = null)
    {
        var url = "https://cdn.example/" + Uri.EscapeDataString(name) + (type == "VIDEO" ? ".mp4" : ".png") + (outcome is null ? "" : "?sandbox-outcome=" + outcome);
        var answer = s.Sandbox.Assets.Create(JsonSerializer.Serialize(new { name, type, url }));
        if (answer.Status != 201) throw new InvalidOperationException(answer.Body);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;
    }
}

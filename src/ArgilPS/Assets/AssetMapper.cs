using System;
using System.Collections.Generic;
using System.Text.Json;
using ArgilPS.Avatars;

namespace ArgilPS.Assets;

/// <summary>
/// From what the API sent to what users see, leniently: unknown fields are ignored, a field of the
/// wrong type is read as unknown (with a debug line naming it), an unknown type or status passes
/// through, createdAt and the older createAt are both read. Only an asset without id is refused.
/// </summary>
internal static class AssetMapper
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>One asset from a body: null for a JSON null; a JsonException for a body that is not one object; a FormatException for an asset without id.</summary>
    public static Asset? ReadAsset(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"The answer is {Kind(root)}, not an asset object.");
        return ToAsset(root, "The asset", wrongField);
    }

    /// <summary>A page of assets: a JSON array, whose null entries are skipped.</summary>
    public static List<Asset>? ReadAssets(string body, Action<string> wrongField)
    {
        using var doc = JsonDocument.Parse(body, Options);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return null;
        if (root.ValueKind != JsonValueKind.Array) throw new JsonException($"The answer is {Kind(root)}, not a list of assets.");
        var assets = new List<Asset>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (ReadListItem(item, ++index, wrongField) is { } asset) assets.Add(asset);
        }
        return assets;
    }

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a streamed page of assets (GET /assets reads its pages
    /// with it): null for a JSON null, a FormatException for an entry that is not an object or an
    /// asset without id. Nothing of the element is kept.
    /// </summary>
    public static Asset? ReadListItem(JsonElement item, int index, Action<string> wrongField)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"Item {index} of the list is {Kind(item)}, not an asset.");
        return ToAsset(item, $"Asset {index} of the list", wrongField);
    }

    private static Asset ToAsset(JsonElement asset, string which, Action<string> wrongField)
    {
        string? id = null, name = null, type = null, status = null, fileUrl = null, thumbnailUrl = null, createdAt = null, createAt = null;
        foreach (var p in asset.EnumerateObject())
        {
            var v = p.Value;
            string? Text(string field, string expected = "text")
            {
                if (v.ValueKind == JsonValueKind.String) return v.GetString();
                if (v.ValueKind != JsonValueKind.Null) wrongField($"{which}: the field '{field}' is {Kind(v)}, not {expected}; it is read as unknown.");
                return null;
            }
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = Text("id"); break;
                case "name": name = Text("name"); break;
                case "type": type = Text("type"); break;
                case "status": status = Text("status"); break;
                case "fileurl": fileUrl = Text("fileUrl"); break;
                case "thumbnailurl": thumbnailUrl = Text("thumbnailUrl"); break;
                case "createdat": createdAt = Text("createdAt", "a date"); break;
                case "createat": createAt = Text("createAt", "a date"); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{which} has no id.");
        return new Asset
        {
            Id = id!,
            Name = name,
            Type = type ?? "",
            Status = status ?? "",
            FileUrl = fileUrl,
            ThumbnailUrl = thumbnailUrl,
            CreatedAt = AvatarMapper.ParseDate(createdAt ?? createAt),
        };
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "text that is not one",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "something else",
    };
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using ArgilPS.Core;

namespace ArgilPS.Assets;

/// <summary>
/// From what the API sent to what users see, leniently: unknown fields are ignored, a field of the
/// wrong type is read as unknown (with a debug line naming it), an unknown type or status passes
/// through, createdAt and the older createAt are both read. Only an asset without id is refused.
/// </summary>
internal static class AssetMapper
{
    /// <summary>One asset from a body: null for a JSON null; a JsonException for a body that is not one object; a FormatException for an asset without id.</summary>
    public static Asset? ReadAsset(string body, Action<string> wrongField) =>
        JsonFields.ReadObject(body, "asset", wrongField, ToAsset);

    /// <summary>A page of assets: a JSON array, whose null entries are skipped.</summary>
    public static List<Asset>? ReadAssets(string body, Action<string> wrongField) =>
        JsonFields.ReadArray(body, "asset", wrongField, ToAsset);

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a streamed page of assets (GET /assets reads its pages
    /// with it): null for a JSON null, a FormatException for an entry that is not an object or an
    /// asset without id. Nothing of the element is kept.
    /// </summary>
    public static Asset? ReadListItem(JsonElement item, int index, Action<string> wrongField) =>
        JsonFields.ReadItem(item, index, "asset", wrongField, ToAsset);

    private enum Field { Id, Name, Type, Status, FileUrl, ThumbnailUrl, CreatedAt, CreateAt }

    private static readonly JsonKeys<Field> Keys = JsonKeys<Field>.Instance;
    private static readonly KnownValues Types = new("IMAGE", "VIDEO", "AUDIO");
    private static readonly KnownValues Statuses = new("PROCESSING", "READY", "FAILED");

    private static Asset ToAsset(JsonElement asset, JsonFields fields)
    {
        string? id = null;
        DateTime? createdAt = null, createAt = null;
        var result = new Asset();
        foreach (var p in asset.EnumerateObject())
        {
            if (!Keys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case Field.Id: id = fields.Text(v, "id"); break;
                case Field.Name: result.Name = fields.Text(v, "name"); break;
                case Field.Type: result.Type = fields.Known(v, "type", Types) ?? ""; break;
                case Field.Status: result.Status = fields.Known(v, "status", Statuses) ?? ""; break;
                case Field.FileUrl: result.FileUrl = fields.Text(v, "fileUrl"); break;
                case Field.ThumbnailUrl: result.ThumbnailUrl = fields.Text(v, "thumbnailUrl"); break;
                case Field.CreatedAt: createdAt = fields.Date(v, "createdAt"); break;
                case Field.CreateAt: createAt = fields.Date(v, "createAt"); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{fields.Which} has no id.");
        result.Id = id!;
        result.CreatedAt = createdAt ?? createAt;
        return result;
    }

}

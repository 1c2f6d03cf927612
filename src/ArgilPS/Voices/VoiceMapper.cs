using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

using ArgilPS.Core;

namespace ArgilPS.Voices;

/// <summary>
/// From what the API sent to what users see: voices and provider syncs, read leniently. Unknown
/// fields are ignored, unknown values pass through, a null language or gender stays null, the
/// creation time is read as createdAt or (older documentation) createAt, and a field of the wrong
/// type is read as unknown with a debug line naming it. Only an item without an id fails.
/// </summary>
internal static class VoiceMapper
{
    /// <summary>One voice from a body; null for a JSON null; a JsonException or FormatException for anything that is not a voice.</summary>
    public static Voice? ReadVoice(string body, Action<string> wrongField) =>
        JsonFields.ReadObject(body, "voice", wrongField, ToVoice);

    /// <summary>
    /// Item <paramref name="index"/> (from 1) of a streamed list of voices: null for a JSON null, a
    /// FormatException for an entry that is not an object. Nothing of the element is kept.
    /// </summary>
    public static Voice? ReadListItem(JsonElement item, int index, Action<string> wrongField) =>
        JsonFields.ReadItem(item, index, "voice", wrongField, ToVoice);

    /// <summary>The provider connections POST /voices/sync answers: a JSON array.</summary>
    public static List<VoiceProviderSync>? ReadProviderSyncs(string body, Action<string> wrongField) =>
        JsonFields.ReadArray(body, "provider connection", wrongField, ToProviderSync);

    private enum Field { Id, Name, Status, Language, Gender, SampleUrl, CreatedAt, CreateAt, UpdatedAt }

    private enum SyncField { Id, ProviderName, ConnectionName, SyncStatus }

    private static readonly JsonKeys<Field> Keys = JsonKeys<Field>.Instance;
    private static readonly JsonKeys<SyncField> SyncKeys = JsonKeys<SyncField>.Instance;
    private static readonly KnownValues Statuses = new("IDLE");
    private static readonly KnownValues Genders = new("MALE", "FEMALE");

    private static Voice ToVoice(JsonElement voice, JsonFields fields)
    {
        string? id = null;
        DateTime? createdAt = null, createAt = null;
        var result = new Voice();
        foreach (var p in voice.EnumerateObject())
        {
            if (!Keys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case Field.Id: id = fields.Text(v, "id"); break;
                case Field.Name: result.Name = fields.Text(v, "name") ?? ""; break;
                case Field.Status: result.Status = fields.Known(v, "status", Statuses) ?? ""; break;
                case Field.Language: result.Language = fields.Text(v, "language"); break;
                case Field.Gender: result.Gender = fields.Known(v, "gender", Genders); break;
                case Field.SampleUrl: result.SampleUrl = fields.Text(v, "sampleUrl"); break;
                case Field.CreatedAt: createdAt = fields.Date(v, "createdAt"); break;
                case Field.CreateAt: createAt = fields.Date(v, "createAt"); break;
                case Field.UpdatedAt: result.UpdatedAt = fields.Date(v, "updatedAt"); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{fields.Which} has no id.");
        result.Id = id!;
        // The documented spelling wins when both are there.
        result.CreatedAt = createdAt ?? createAt;
        return result;
    }

    private static VoiceProviderSync ToProviderSync(JsonElement sync, JsonFields fields)
    {
        string? id = null, provider = null, connection = null, status = null;
        foreach (var p in sync.EnumerateObject())
        {
            if (!SyncKeys.TryFind(p, out var field)) continue;
            var v = p.Value;
            switch (field)
            {
                case SyncField.Id: id = fields.Text(v, "id"); break;
                case SyncField.ProviderName: provider = fields.Text(v, "providerName"); break;
                case SyncField.ConnectionName: connection = fields.Text(v, "connectionName"); break;
                case SyncField.SyncStatus: status = fields.Text(v, "syncStatus"); break;
            }
        }
        if (string.IsNullOrEmpty(id)) throw new FormatException($"{fields.Which} has no id.");
        return new VoiceProviderSync { Id = id!, ProviderName = provider ?? "", ConnectionName = connection, SyncStatus = status ?? "" };
    }

}

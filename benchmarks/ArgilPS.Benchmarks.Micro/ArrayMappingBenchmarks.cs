using System.Collections.Generic;
using System.Text.Json;
using ArgilPS.Avatars;
using BenchmarkDotNet.Attributes;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// Parse and map one JSON array of a resource into its public type, beside two baselines in the same
/// class: System.Text.Json (source-generated) into the same wire type, then the same mapping (what
/// the lenient mapper costs over a strict deserializer), and JsonDocument alone (the floor: the parse
/// without building anything). A resource adds one subclass with its body and its two readers.
/// </summary>
[Config(typeof(InProcessConfig))]
public abstract class ArrayMappingBenchmarks<T>
{
    private string _json = "";

    [Params(100, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() => _json = Body(Count);

    /// <summary>A JSON array of <paramref name="count"/> items as the API sends them.</summary>
    protected abstract string Body(int count);

    /// <summary>The module's mapper, as the client calls it.</summary>
    protected abstract IReadOnlyList<T> Map(string json);

    /// <summary>System.Text.Json into the resource's wire type, then the same mapping to the public type.</summary>
    protected abstract IReadOnlyList<T> Deserialize(string json);

    [Benchmark(Baseline = true, Description = "System.Text.Json into the same type")]
    public IReadOnlyList<T> SerializerIntoTheSameType() => Deserialize(_json);

    [Benchmark(Description = "JsonDocument, parse only")]
    public int JsonDocumentOnly()
    {
        using var doc = JsonDocument.Parse(_json);
        return doc.RootElement.GetArrayLength();
    }

    [Benchmark(Description = "ArgilPS mapper")]
    public IReadOnlyList<T> Mapper() => Map(_json);
}

/// <summary>GET /avatars: a bare array of avatars.</summary>
public class AvatarArrayBenchmarks : ArrayMappingBenchmarks<Avatar>
{
    protected override string Body(int count) => TestData.AvatarArray(count);

    protected override IReadOnlyList<Avatar> Map(string json) => AvatarMapper.ReadAvatars(json, static _ => { })!;

    protected override IReadOnlyList<Avatar> Deserialize(string json)
    {
        var dtos = JsonSerializer.Deserialize(json, AvatarJsonContext.Default.ListAvatarDto)!;
        var avatars = new List<Avatar>(dtos.Count);
        foreach (var dto in dtos) if (dto is not null) avatars.Add(AvatarMapper.ToAvatar(dto));
        return avatars;
    }
}

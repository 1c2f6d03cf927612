using System;
using System.Collections.Generic;
using System.Text;
using ArgilPS.Videos;
using BenchmarkDotNet.Attributes;

namespace ArgilPS.Benchmarks.Micro;

/// <summary>
/// New-ArgilVideo -Script's splitter (<see cref="ScriptSplitter.Split"/>, 250 characters a moment) on
/// a short English script, a long one (about 20,000 characters, with abbreviations, numbers and
/// paragraphs) and a Chinese/Japanese one (about 6,000 characters, no spaces), beside a naive packer
/// in the same class (the baseline): whole words split at whitespace, packed greedily, a word longer
/// than the limit cut every 250 UTF-16 units. The naive packer knows no sentences, clauses, CJK breaks,
/// grapheme clusters or code points: the ratio is what those rules cost.
/// </summary>
[Config(typeof(InProcessConfig))]
public class ScriptSplitterBenchmarks
{
    private const int MaxLength = ScriptSplitter.DefaultMaxLength;
    private string _script = "";

    [Params("short", "long", "cjk")]
    public string Text { get; set; } = "short";

    [GlobalSetup]
    public void Setup() => _script = Text switch
    {
        "short" => Short,
        "long" => Long(),
        "cjk" => Cjk(),
        _ => throw new ArgumentException("unknown text", nameof(Text)),
    };

    [Benchmark(Baseline = true, Description = "naive whole-word packer")]
    public int NaivePacker() => NaivePack(_script, MaxLength).Count;

    [Benchmark(Description = "ScriptSplitter.Split")]
    public int Splitter() => ScriptSplitter.Split(_script, MaxLength).Count;

    /// <summary>Whole words packed greedily into pieces of at most <paramref name="max"/> UTF-16 units.</summary>
    internal static List<string> NaivePack(string text, int max)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word;
            while (w.Length > max)
            {
                if (current.Length > 0) { pieces.Add(current.ToString()); current.Clear(); }
                pieces.Add(w.Substring(0, max));
                w = w.Substring(max);
            }
            if (current.Length > 0 && current.Length + 1 + w.Length > max) { pieces.Add(current.ToString()); current.Clear(); }
            if (current.Length > 0) current.Append(' ');
            current.Append(w);
        }
        if (current.Length > 0) pieces.Add(current.ToString());
        return pieces;
    }

    private const string Short =
        "Hi, I'm Dr. Smith from Acme Inc. Today we look at the Q3 figures: revenue rose 12.5% to $3.50M. " +
        "Questions? Write to help@example.com, and we'll answer within a day.";

    private static string Long()
    {
        const string paragraph =
            "Welcome back to the channel. In this episode, Dr. Jones and Prof. Lee walk through the results of the U.S. study, " +
            "which ran from 10:30 a.m. to 4 p.m. every weekday for three months; the numbers, e.g. the 3.50 average, speak for themselves. " +
            "Why does it matter? Because every team — sales, support, engineering — relies on the same data, and when that data is late, " +
            "decisions are late too. \"We saw a 40% drop in wait times,\" says J. Smith, who led the rollout at example.com. " +
            "Next, we look at the costs, the risks and the plan for the coming quarter, step by step, with a short summary at the end.\n\n";
        var sb = new StringBuilder();
        while (sb.Length < 20_000) sb.Append(paragraph);
        return sb.ToString();
    }

    private static string Cjk()
    {
        const string zh = "欢迎收看本期节目。今天我们来谈谈人工智能如何改变视频制作：从脚本、配音到剪辑，每一步都可以更快、更便宜。你准备好了吗？";
        const string ja = "こんにちは、今日は新しい機能を紹介します。「アバター」を使えば、カメラの前に立たなくても動画が作れます！詳しくは、概要欄をご覧ください。";
        var sb = new StringBuilder();
        while (sb.Length < 6_000) sb.Append(zh).Append(ja);
        return sb.ToString();
    }
}

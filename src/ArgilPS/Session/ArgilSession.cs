using System;
using ArgilPS.Assets;
using ArgilPS.Avatars;
using ArgilPS.Core;
using ArgilPS.Core.Downloads;
using ArgilPS.Sandbox;
using ArgilPS.Voices;
using ArgilPS.Webhooks;
using ArgilPS.Subtitles;
using ArgilPS.Videos;

namespace ArgilPS.Session;

/// <summary>A connection: the settings every request uses, and the sandbox it owns, if any.</summary>
internal sealed class ArgilSession : IDisposable
{
    public ArgilSession(ArgilClientSettings settings, string keySource, string scope, IClock? clock = null, SandboxServer? sandbox = null)
    {
        Settings = settings;
        KeySource = keySource;
        Scope = scope;
        Sandbox = sandbox;
        Http = new ArgilHttpClient(settings, clock ?? sandbox?.Clock ?? (IClock)SystemClock.Instance);
        Avatars = new AvatarsApi(Http);
        Assets = new AssetsApi(Http);
        Voices = new VoicesApi(Http);
        Webhooks = new WebhooksApi(Http);
        Videos = new VideosApi(Http);
        Downloads = new FileDownloader(settings, Http.Clock);
        Subtitles = new SubtitlesApi(Http);
    }

    public ArgilClientSettings Settings { get; }
    public string KeySource { get; }
    public string Scope { get; }
    public SandboxServer? Sandbox { get; }

    /// <summary>The one HTTP path of this connection; every resource's operations use it.</summary>
    public ArgilHttpClient Http { get; }

    /// <summary>The avatar operations. A new resource adds its XxxApi here.</summary>
    public AvatarsApi Avatars { get; }

    /// <summary>The asset operations.</summary>
    public AssetsApi Assets { get; }
    /// <summary>The voice operations.</summary>
    public VoicesApi Voices { get; }
    /// <summary>The webhook operations.</summary>
    public WebhooksApi Webhooks { get; }

    /// <summary>The video operations.</summary>
    public VideosApi Videos { get; }
    /// <summary>Downloads of files the API points to (rendered videos): streamed to disk, never with the key.</summary>
    public FileDownloader Downloads { get; }

    /// <summary>The subtitle operations: styles and exports.</summary>
    public SubtitlesApi Subtitles { get; }
    public IClock Clock => Http.Clock;

    public ArgilContext ToContext() => new()
    {
        BaseUri = Settings.BaseUri,
        IsSandbox = Sandbox is not null,
        KeyFingerprint = Settings.ApiKey.Fingerprint,
        KeySource = KeySource,
        Scope = Scope,
        TimeoutSec = Settings.TimeoutSec,
        MaximumRetryCount = Settings.MaximumRetryCount,
        RetryIntervalSec = Settings.RetryIntervalSec,
    };

    public void Dispose() => Sandbox?.Dispose();
}

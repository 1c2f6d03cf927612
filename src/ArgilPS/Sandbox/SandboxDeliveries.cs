using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Sandbox;

/// <summary>
/// Delivers events to webhook receivers off the request path: a queue worked in the background,
/// each attempt bounded by <see cref="SandboxOptions.DeliveryTimeout"/>, a failed one (no answer or
/// not 2xx) tried again after a back-off counted on the sandbox clock (1 s, 4 s, 16 s by default;
/// in Manual mode a retry waits until the clock is moved), up to
/// <see cref="SandboxOptions.DeliveryAttempts"/>. Every attempt is journalled
/// (<see cref="Journal"/>); a failure never reaches anyone else. Redirects are not followed and the
/// sandbox's key is never sent. <see cref="WhenSettledAsync"/> lets a test wait without sleeping.
/// </summary>
internal sealed class SandboxDeliveries : IDisposable
{
    private const int Parallel = 4;

    private readonly SandboxClock _clock;
    private readonly SandboxOptions _options;
    private readonly HttpClient _http;
    private readonly object _gate = new();
    private readonly List<Queued> _queue = new();
    private readonly List<SandboxDelivery> _journal = new();
    private readonly List<TaskCompletionSource<bool>> _waiters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Timer _timer;
    private readonly HashSet<Task> _running = new();
    private int _inFlight;
    private bool _disposed;

    public SandboxDeliveries(SandboxClock clock, SandboxOptions options, HttpMessageHandler? handler = null)
    {
        _clock = clock;
        _options = options;
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _timer = new Timer(_ => Pump(), null, Timeout.Infinite, Timeout.Infinite);
        _clock.Moved += Pump;
    }

    /// <summary>Every attempt so far, oldest first.</summary>
    public IReadOnlyList<SandboxDelivery> Journal
    {
        get { lock (_gate) return _journal.ToList(); }
    }

    public void ClearJournal()
    {
        lock (_gate) _journal.Clear();
    }

    /// <summary>Deliveries not finished yet: in flight, due, or waiting for a retry.</summary>
    public int Pending
    {
        get { lock (_gate) return _queue.Count + _inFlight; }
    }

    /// <summary>Raised after each attempt is journalled.</summary>
    public event Action<SandboxDelivery>? Attempted;

    /// <summary>Queues one event for one address; the first attempt is due now.</summary>
    public void Enqueue(string eventName, string url, string body, string? webhookId)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _queue.Add(new Queued(eventName, url, body, webhookId) { DueAt = _clock.UtcNow });
        }
        Pump();
    }

    /// <summary>
    /// Completes when no attempt is in flight and none is due by the sandbox clock (retries waiting
    /// for a later time do not count), or when the sandbox stops. Never fails.
    /// </summary>
    public Task WhenSettledAsync()
    {
        lock (_gate)
        {
            if (_disposed || IsSettled()) return Task.CompletedTask;
            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(waiter);
            return waiter.Task;
        }
    }

    private bool IsSettled()
    {
        var now = _clock.UtcNow;
        return _inFlight == 0 && _queue.All(p => p.DueAt > now);
    }

    /// <summary>Starts every attempt that is due (a few at a time), and sets the timer for the next.</summary>
    private void Pump()
    {
        List<Queued> start;
        List<TaskCompletionSource<bool>> settled = new();
        lock (_gate)
        {
            if (_disposed) return;
            var now = _clock.UtcNow;
            start = _queue.Where(p => p.DueAt <= now).OrderBy(p => p.DueAt).Take(Math.Max(0, Parallel - _inFlight)).ToList();
            foreach (var p in start) _queue.Remove(p);
            _inFlight += start.Count;
            if (IsSettled())
            {
                settled.AddRange(_waiters);
                _waiters.Clear();
            }
            Rearm(now);
        }
        foreach (var p in start)
        {
            var task = Task.Run(() => AttemptAsync(p));
            lock (_gate) _running.Add(task);
            _ = task.ContinueWith(t => { lock (_gate) _running.Remove(t); }, TaskScheduler.Default);
        }
        foreach (var w in settled) w.TrySetResult(true);
    }

    private void Rearm(DateTime now)
    {
        var waiting = _queue.Where(p => p.DueAt > now).Select(p => (DateTime?)p.DueAt).Min();
        if (waiting is null || _clock.Mode == SandboxTimeMode.Manual)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            return;
        }
        var wait = waiting.Value - now;
        if (wait < TimeSpan.FromMilliseconds(10)) wait = TimeSpan.FromMilliseconds(10);
        if (wait > SandboxMonitor.LongestSleep) wait = SandboxMonitor.LongestSleep;
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private async Task AttemptAsync(Queued pending)
    {
        pending.Attempts++;
        var entry = new SandboxDelivery
        {
            Time = _clock.UtcNow, Event = pending.Event, Url = pending.Url, WebhookId = pending.WebhookId, Attempt = pending.Attempts, Body = pending.Body,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_options.DeliveryTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, pending.Url) { Content = new StringContent(pending.Body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("User-Agent", "ArgilPS-Sandbox-Webhooks/1.0");
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                entry.StatusCode = (int)response.StatusCode;
                if (entry.StatusCode < 200 || entry.StatusCode > 299)
                    entry.Error = $"the receiver answered HTTP {entry.StatusCode}{(entry.StatusCode is >= 300 and < 400 ? " (redirects are not followed)" : "")}";
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                entry.Error = "the sandbox stopped during the delivery";
            }
            catch (OperationCanceledException)
            {
                entry.Error = $"no answer within {_options.DeliveryTimeout.TotalSeconds:0.###} s";
            }
            catch (Exception e) when (e is HttpRequestException or System.IO.IOException or ObjectDisposedException or InvalidOperationException or ArgumentException)
            {
                entry.Error = "the receiver could not be reached: " + Innermost(e).Message;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            entry.Error = "the delivery failed: " + e.Message;
        }
        Finish(pending, entry);
    }

    private void Finish(Queued pending, SandboxDelivery entry)
    {
        lock (_gate)
        {
            _inFlight--;
            if (entry.Error is null)
            {
                entry.Outcome = "Delivered";
            }
            else if (pending.Attempts < _options.DeliveryAttempts && !_disposed)
            {
                entry.Outcome = "Retrying";
                var backoff = TimeSpan.FromTicks(_options.DeliveryFirstRetry.Ticks * (long)Math.Pow(4, pending.Attempts - 1));
                pending.DueAt = _clock.UtcNow + backoff;
                entry.NextAttemptAt = pending.DueAt;
                _queue.Add(pending);
            }
            else
            {
                entry.Outcome = "GaveUp";
            }
            entry.Sequence = _journal.Count + 1;
            _journal.Add(entry);
        }
        try
        {
            Attempted?.Invoke(entry);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An observer's failure is not the delivery's.
        }
        Pump();
        lock (_gate)
        {
            if (_disposed && _inFlight == 0) ReleaseWaiters();
        }
    }

    private void ReleaseWaiters()
    {
        foreach (var w in _waiters) w.TrySetResult(true);
        _waiters.Clear();
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _queue.Clear();
            ReleaseWaiters();
        }
        _clock.Moved -= Pump;
        _stopping.Cancel();
        using (var stopped = new ManualResetEvent(false))
        {
            if (_timer.Dispose(stopped)) stopped.WaitOne(TimeSpan.FromSeconds(5));
        }
        // Attempts in flight end at once (cancelled); the client goes after them.
        Task[] running;
        lock (_gate) running = _running.ToArray();
        try
        {
            Task.WaitAll(running, TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Each attempt journals its own failure.
        }
        _http.Dispose();
    }

    private sealed class Queued
    {
        public Queued(string eventName, string url, string body, string? webhookId)
        {
            Event = eventName;
            Url = url;
            Body = body;
            WebhookId = webhookId;
        }

        public string Event { get; }
        public string Url { get; }
        public string Body { get; }
        public string? WebhookId { get; }
        public DateTime DueAt { get; set; }
        public int Attempts { get; set; }
    }
}

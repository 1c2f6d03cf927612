using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ArgilPS.Tests.Core;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that answers however a test wants, byte for byte (lying
/// lengths, endless bodies, dropped connections, redirects), and counts what it receives and sends.
/// Everything it does ends when it is disposed.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<LoopbackExchange, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = new();
    private int _requests;
    private int _connections;
    private long _bytesSent;

    public LoopbackServer(Func<LoopbackExchange, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/v1/");
    public int Requests => Volatile.Read(ref _requests);
    public int Connections => Volatile.Read(ref _connections);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public CancellationToken Stopping => _stop.Token;

    /// <summary>The request lines received, in order ("GET /v1/avatars HTTP/1.1").</summary>
    public List<string> RequestLines { get; } = new();

    internal void CountSent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            lock (_clients) _clients.Add(client);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                    if (head is null) return;
                    var lines = head.Split("\r\n");
                    var length = 0;
                    foreach (var line in lines)
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                            length = int.Parse(line.Substring(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    var body = new byte[length];
                    for (var read = 0; read < length;)
                    {
                        var n = await stream.ReadAsync(body.AsMemory(read), _stop.Token).ConfigureAwait(false);
                        if (n == 0) return;
                        read += n;
                    }
                    Interlocked.Increment(ref _requests);
                    lock (RequestLines) RequestLines.Add(lines[0]);
                    var exchange = new LoopbackExchange(this, stream, lines[0], head) { Body = Encoding.UTF8.GetString(body) };
                    await _respond(exchange).ConfigureAwait(false);
                    if (exchange.Closed) return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the test is over.
        }
    }

    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await stream.ReadAsync(one.AsMemory(), _stop.Token).ConfigureAwait(false);
            if (n == 0) return null;
            bytes.Add(one[0]);
            var c = bytes.Count;
            if (c >= 4 && bytes[c - 4] == '\r' && bytes[c - 3] == '\n' && bytes[c - 2] == '\r' && bytes[c - 1] == '\n')
                return Encoding.ASCII.GetString(bytes.ToArray(), 0, c - 4);
            if (c > 64 * 1024) return null;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var c in _clients) c.Dispose();
    }
}

/// <summary>One request received by a <see cref="LoopbackServer"/>, and the means to answer it.</summary>
internal sealed class LoopbackExchange
{
    private readonly LoopbackServer _server;
    private readonly NetworkStream _stream;

    public LoopbackExchange(LoopbackServer server, NetworkStream stream, string requestLine, string head)
    {
        _server = server;
        _stream = stream;
        RequestLine = requestLine;
        Head = head;
    }

    public string RequestLine { get; }
    public string Head { get; }

    /// <summary>The request's body, as UTF-8 text.</summary>
    public string Body { get; init; } = "";
    public bool Closed { get; private set; }
    public CancellationToken Stopping => _server.Stopping;


    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes.AsMemory(), _server.Stopping).ConfigureAwait(false);
        _server.CountSent(bytes.Length);
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>A whole answer with a Content-Length.</summary>
    public Task AnswerAsync(int status, string body, string contentType = "application/json", string extraHeaders = "")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return WriteAsync($"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n{extraHeaders}\r\n{body}");
    }

    /// <summary>Resets the connection (a RST, no FIN): the client reads "connection reset by peer".</summary>
    public void Reset()
    {
        Closed = true;
        _stream.Socket.LingerState = new LingerOption(true, 0);
        _stream.Socket.Close();
        _stream.Close();
    }

    /// <summary>Closes the connection without a byte of answer.</summary>
    public void Drop()
    {
        Closed = true;
        _stream.Socket.Shutdown(SocketShutdown.Both);
        _stream.Close();
    }
}

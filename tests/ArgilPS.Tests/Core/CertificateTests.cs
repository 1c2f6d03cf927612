using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using ArgilPS.Avatars;
using ArgilPS.Core;
using Xunit;

namespace ArgilPS.Tests.Core;

/// <summary>A server whose certificate does not validate is reported as such, and never talked to.</summary>
public class CertificateTests
{
    [Fact]
    public async Task AnUntrustedCertificateIsACertificateErrorAndIsNeverBypassed()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=not-argil", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(sans.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var handshakes = 0;
        var requestsRead = 0;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                using (client)
                using (var tls = new SslStream(client.GetStream()))
                {
                    Interlocked.Increment(ref handshakes);
                    try
                    {
                        await tls.AuthenticateAsServerAsync(certificate);
                        var buffer = new byte[1024];
                        if (await tls.ReadAsync(buffer) > 0) Interlocked.Increment(ref requestsRead);
                    }
                    catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or System.IO.IOException) { }
                }
            }
        });

        var key = new ApiKey("cert-test-key-0000");
        var http = new ArgilHttpClient(new ArgilClientSettings(new Uri($"https://127.0.0.1:{port}/v1"), key, timeoutSec: 10, maximumRetryCount: 3));
        var error = await Assert.ThrowsAsync<ArgilApiException>(() => new AvatarsApi(http).GetAvatarAsync("a", NullRequestLog.Instance, CancellationToken.None));

        stop.Cancel();
        listener.Stop();
        await server.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ApiFailureKind.CertificateError, error.Kind);
        Assert.Contains("certificate", error.Message);
        Assert.Contains("never bypasses certificate validation", error.Message);
        Assert.Equal(1, handshakes); // not retried
        Assert.Equal(0, requestsRead); // nothing, not even the key, was sent over the untrusted connection
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Npgsql;
using OrleansBots.Client;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>Two silo processes on the test Redis and PostgreSQL: keys across silos, the audit trail's rows, secrets in logs, TLS between silos.</summary>
public sealed class ClusterSecurityTests
{
    // One cluster for everything two silos show (a cluster start costs the suite tens of seconds).
    [RequiresServersFact(redis: true)]
    public async Task OnATlsClusterARotatedKeyStopsAtOnceOnEverySiloAuditRowsAreInPostgresNoLogHoldsASecretAndASiloWithoutTheCertificateIsRefused()
    {
        using var certificates = new TempFolder();
        var pfx = Path.Combine(certificates.Path, "cluster.pfx");
        var certificatePassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await File.WriteAllBytesAsync(pfx, SelfSignedCertificate(certificatePassword));

        // A password in the connection string (the test server trusts local connections, so any works) that must reach no log.
        var databasePassword = "pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var serviceId = SiloEnvironment.NewServiceId("tls");
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        using var dataC = new TempFolder();
        Dictionary<string, string> Environment(string data, bool tls)
        {
            var environment = SiloEnvironment.Durable(serviceId, data, redis: true);
            environment["ConnectionStrings__Postgres"] = $"{TestServers.Postgres};Password={databasePassword}";
            if (tls)
            {
                environment["Orleans__Tls__CertificatePath"] = pfx;
                environment["Orleans__Tls__CertificatePassword"] = certificatePassword;
            }

            return environment;
        }

        await using var a = SiloProcess.Start(Environment(dataA.Path, tls: true));
        await a.WaitReadyAsync();
        await using var b = SiloProcess.Start(Environment(dataB.Path, tls: true));
        await b.WaitReadyAsync();
        using var httpA = a.CreateHttpClient();
        using var httpB = b.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both TLS silos in the cluster");

        // Grain calls cross the TLS connection: users created through A are read through B, wherever their grains live.
        foreach (var other in Enumerable.Range(0, 4).Select(i => $"tls-{i}-{Guid.NewGuid():N}"[..16]))
        {
            using var made = await SendAsync(httpA, HttpMethod.Post, "api/admin/users", SiloEnvironment.AdminToken, new { user_id = other });
            using var read = await SendAsync(httpB, HttpMethod.Get, $"api/admin/users/{other}", SiloEnvironment.AdminToken);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var userId = $"rot-{Guid.NewGuid():N}"[..16];
        using var created = await SendAsync(httpA, HttpMethod.Post, "api/admin/users", SiloEnvironment.AdminToken, new { user_id = userId });
        var oldKey = (await JsonOf(created)).GetProperty("api_key").GetString()!;
        using var oldOnB = await SendAsync(httpB, HttpMethod.Get, "api/bots", oldKey);

        using var rotated = await SendAsync(httpA, HttpMethod.Post, $"api/admin/users/{userId}/api-key", SiloEnvironment.AdminToken);
        var newKey = (await JsonOf(rotated)).GetProperty("api_key").GetString()!;
        using var oldOnBAfter = await SendAsync(httpB, HttpMethod.Get, "api/bots", oldKey);
        using var oldOnAAfter = await SendAsync(httpA, HttpMethod.Get, "api/bots", oldKey);
        using var newOnB = await SendAsync(httpB, HttpMethod.Get, "api/bots", newKey);

        Assert.Equal(HttpStatusCode.OK, oldOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldOnBAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldOnAAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newOnB.StatusCode);

        // Errors and a sign-in, then the audit trail: rows in PostgreSQL, the same list on both silos.
        using var disabled = await SendAsync(httpB, HttpMethod.Post, $"api/admin/users/{userId}/disable", SiloEnvironment.AdminToken);
        using var wrongToken = await SendAsync(httpB, HttpMethod.Get, "api/admin/capacity", "wrong-token");
        using var refusedKey = await SendAsync(httpA, HttpMethod.Post, "api/bots", newKey, "{\"\\ud800\":1}");
        using var signIn = await httpA.PostAsync("admin/login", new FormUrlEncodedContent([new("token", SiloEnvironment.AdminToken)]));
        await using var database = NpgsqlDataSource.Create(TestServers.Postgres!);
        await using var rows = database.CreateCommand("SELECT action, actor FROM admin_audit WHERE target = $1 ORDER BY id");
        rows.Parameters.AddWithValue(userId);
        var stored = new List<(string Action, string Actor)>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        using var auditOnB = await SendAsync(httpB, HttpMethod.Get, "api/admin/audit?limit=1000", SiloEnvironment.AdminToken);
        var listedOnB = (await JsonOf(auditOnB)).GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("target").GetString() == userId);

        Assert.Equal(["user.created", "api_key.rotated", "user.disabled"], stored.Select(r => r.Action));
        Assert.All(stored, r => Assert.StartsWith("admin token from 127.0.0.1", r.Actor));
        Assert.Equal(3, listedOnB);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedKey.StatusCode);

        await using var plain = SiloProcess.Start(Environment(dataC.Path, tls: false));
        var joined = false;
        try
        {
            await plain.WaitReadyAsync(TimeSpan.FromSeconds(25));
            joined = true;
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            // Refused: it could not connect to the TLS silos, so it exited or never became ready.
        }

        var health = await admin.GetHealthAsync();
        Assert.False(joined, $"the silo without the certificate became ready:\n{plain.Log}");
        Assert.Equal(2, health.Silos.Count(s => s.Status == "active"));

        foreach (var silo in new[] { a, b })
        {
            var log = silo.Log;
            Assert.DoesNotContain(SiloEnvironment.AdminToken, log, StringComparison.Ordinal);
            Assert.DoesNotContain(oldKey, log, StringComparison.Ordinal);
            Assert.DoesNotContain(newKey, log, StringComparison.Ordinal);
            Assert.DoesNotContain(oldKey.Split('.')[1], log, StringComparison.Ordinal);
            Assert.DoesNotContain(databasePassword, log, StringComparison.Ordinal);
            Assert.DoesNotContain(certificatePassword, log, StringComparison.Ordinal);
        }

        Assert.Contains("Operator page sign-in from 127.0.0.1", a.Log);
    }

    /// <summary>A certificate made for this test run only: its private key never leaves the temporary folder.</summary>
    private static byte[] SelfSignedCertificate(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=orleansbots-test-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = body switch
        {
            null => null,
            string raw => new StringContent(raw, System.Text.Encoding.UTF8, "application/json"),
            _ => JsonContent.Create(body),
        };
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// Silo-to-silo and gateway connections over mutual TLS (Orleans' connection security) when
/// <c>Orleans__Tls__CertificatePath</c> names a PKCS#12 file (password in <c>Orleans__Tls__CertificatePassword</c>).
/// Both ends must show a certificate: one whose chain the machine trusts, the very certificate this silo has (a
/// cluster sharing one self-signed certificate), or one listed in <c>Orleans__Tls__PeerThumbprints</c>. A silo
/// without it cannot join, and a client without it cannot use the gateway.
/// </summary>
public static class ClusterTls
{
    public const string Section = "Orleans:Tls";

    /// <summary>What is wrong with the TLS settings (unreadable file, wrong password, no private key), or nothing.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        if (Path(configuration) is null)
        {
            return [];
        }

        try
        {
            using var certificate = Load(configuration);
            return certificate.HasPrivateKey ? [] : ["Orleans:Tls:CertificatePath must hold the certificate's private key (a PKCS#12 / .pfx file)"];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return [$"Orleans:Tls:CertificatePath could not be read as a PKCS#12 certificate with Orleans:Tls:CertificatePassword ({error.GetType().Name})"];
        }
    }

    /// <summary>Turns TLS on for the silo when a certificate is configured; answers whether it did.</summary>
    public static bool Apply(ISiloBuilder silo, IConfiguration configuration)
    {
        if (Path(configuration) is null)
        {
            return false;
        }

        var certificate = Load(configuration);
        var peers = (configuration[$"{Section}:PeerThumbprints"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, errors) =>
                errors == SslPolicyErrors.None
                || remote.Thumbprint.Equals(certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)
                || peers.Contains(remote.Thumbprint);
        });
        return true;
    }

    private static string? Path(IConfiguration configuration) =>
        configuration[$"{Section}:CertificatePath"] is { Length: > 0 } path ? path : null;

    private static X509Certificate2 Load(IConfiguration configuration) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path(configuration)!, configuration[$"{Section}:CertificatePassword"]);
}

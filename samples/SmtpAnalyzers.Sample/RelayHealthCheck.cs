using System.Net;

namespace SmtpAnalyzers.Sample;

/// <summary>
/// Asks the mail provider's HTTP status page whether its SMTP relay is up.
/// Near misses: the numbers here are HTTP status codes, in a file that also talks about SMTP,
/// so the analyzer reads them and must stay silent.
/// </summary>
public sealed class RelayHealthCheck(HttpClient http)
{
    public async Task<bool> IsSmtpRelayUpAsync(Uri statusPage, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(statusPage, cancellationToken);

        // Near miss: HTTP 503 Service Unavailable, not SMTP 503 "bad sequence of commands".
        if ((int)response.StatusCode == 503)
        {
            return false;
        }

        // Near miss: HttpStatusCode cast from a number.
        return response.StatusCode == (HttpStatusCode)200;
    }
}

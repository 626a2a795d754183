using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmtpAnalyzers.RuntimeProof;

/// <summary>The step of an SMTP session a fault answers.</summary>
public enum Stage
{
    /// <summary>The server's first line, before the client says anything.</summary>
    Greeting,

    /// <summary>The reply to <c>AUTH</c> (after the credentials, for AUTH LOGIN).</summary>
    Auth,

    /// <summary>The reply to <c>MAIL FROM</c>.</summary>
    Mail,

    /// <summary>The reply to <c>RCPT TO</c>, for every recipient or the one the fault names.</summary>
    Rcpt,

    /// <summary>The reply to the <c>DATA</c> command, before the client sends the message.</summary>
    Data,

    /// <summary>After the message's final dot: the reply that accepts or refuses it.</summary>
    EndOfData,
}

/// <summary>
/// One scripted misbehaviour: at <paramref name="Stage"/> the server answers <paramref name="Code"/> instead of
/// accepting, for the first <paramref name="Times"/> times it reaches that stage (then it behaves). A 421 reply closes
/// the connection after it, as RFC 5321 asks; <paramref name="Drop"/> closes it without any reply. The fault lets the
/// first <paramref name="Skip"/> matching steps pass (a fault on the second message of a batch).
/// </summary>
public sealed record Fault(string Name, Stage Stage, int Code, int Times = int.MaxValue, string? Recipient = null, bool Drop = false, int Skip = 0)
{
    public override string ToString() => Name;
}

/// <summary>
/// A small SMTP server on loopback that answers from a script, one <see cref="Fault"/> at most, and records each
/// message it accepts for each recipient. It is ours rather than a library's so that it can misbehave exactly: close
/// the session after a 421, drop the connection in the middle of DATA, refuse one recipient of two.
/// </summary>
public sealed class ScriptedSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Fault? _fault;
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private int _faultsLeft;
    private int _skipsLeft;

    public ScriptedSmtpServer(Fault? fault = null)
    {
        _fault = fault;
        _faultsLeft = fault?.Times ?? 0;
        _skipsLeft = fault?.Skip ?? 0;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Host => "127.0.0.1";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many copies each recipient received (accepted messages only).</summary>
    public IReadOnlyDictionary<string, int> Deliveries => new Dictionary<string, int>(_deliveries, StringComparer.OrdinalIgnoreCase);

    /// <summary>How many times the fault fired.</summary>
    public int FaultsFired => (_fault?.Times ?? 0) - Math.Max(_faultsLeft, 0);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    /// <summary>Whether the fault answers this step (and uses up one of its times if so).</summary>
    private bool Fires(Stage stage, string? recipient = null)
    {
        if (_fault is null || _fault.Stage != stage || (_fault.Recipient is not null && !string.Equals(_fault.Recipient, recipient, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return Interlocked.Decrement(ref _skipsLeft) < 0 && Interlocked.Decrement(ref _faultsLeft) >= 0;
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await SessionAsync(reader, writer);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away: nothing to record.
        }
    }

    /// <summary>Runs one session; returns when the session ends (QUIT, a 421 or a dropped connection).</summary>
    private async Task SessionAsync(StreamReader reader, StreamWriter writer)
    {
        if (Fires(Stage.Greeting))
        {
            await Reply(writer, Stage.Greeting);
            return;
        }

        await writer.WriteLineAsync("220 loopback ESMTP scripted");
        string? from = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-loopback");
                    await writer.WriteLineAsync("250-AUTH PLAIN LOGIN");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 loopback");
                    break;
                case "AUTH":
                    if (argument.StartsWith("LOGIN", StringComparison.OrdinalIgnoreCase))
                    {
                        // The user name may come with the command; ask for whatever is missing.
                        if (argument.Trim().Length == "LOGIN".Length)
                        {
                            await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                            await reader.ReadLineAsync(_stop.Token);
                        }

                        await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                        await reader.ReadLineAsync(_stop.Token);
                    }
                    else if (argument.Trim().Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("334 ");
                        await reader.ReadLineAsync(_stop.Token);
                    }

                    if (Fires(Stage.Auth))
                    {
                        if (await Reply(writer, Stage.Auth))
                        {
                            return;
                        }

                        break;
                    }

                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "MAIL":
                    if (Fires(Stage.Mail))
                    {
                        if (await Reply(writer, Stage.Mail))
                        {
                            return;
                        }

                        break;
                    }

                    from = argument;
                    recipients.Clear();
                    await writer.WriteLineAsync("250 2.1.0 Ok");
                    break;
                case "RCPT":
                    var address = Address(argument);
                    if (Fires(Stage.Rcpt, address))
                    {
                        if (await Reply(writer, Stage.Rcpt))
                        {
                            return;
                        }

                        break;
                    }

                    recipients.Add(address);
                    await writer.WriteLineAsync("250 2.1.5 Ok");
                    break;
                case "DATA":
                    if (from is null || recipients.Count == 0)
                    {
                        await writer.WriteLineAsync("503 5.5.1 No valid recipients");
                        break;
                    }

                    if (Fires(Stage.Data))
                    {
                        if (await Reply(writer, Stage.Data))
                        {
                            return;
                        }

                        break;
                    }

                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                    {
                    }

                    if (Fires(Stage.EndOfData))
                    {
                        if (await Reply(writer, Stage.EndOfData))
                        {
                            return;
                        }
                    }
                    else
                    {
                        foreach (var recipient in recipients)
                        {
                            _deliveries.AddOrUpdate(recipient, 1, (_, count) => count + 1);
                        }

                        await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                    }

                    from = null;
                    recipients.Clear();
                    break;
                case "RSET":
                    from = null;
                    recipients.Clear();
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
                case "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                    break;
            }
        }
    }

    /// <summary>Answers with the fault's code; true when the session ends with it (a 421 or a dropped connection).</summary>
    private async Task<bool> Reply(StreamWriter writer, Stage stage)
    {
        if (_fault!.Drop)
        {
            return true;
        }

        var text = _fault.Code switch
        {
            421 => "4.3.2 Service not available, closing transmission channel",
            450 => "4.2.1 Mailbox busy, try again later",
            451 => "4.7.1 Greylisted, try again later",
            452 => "4.3.1 Insufficient system storage",
            454 => "4.7.0 Temporary authentication failure",
            550 => "5.1.1 Mailbox unavailable",
            _ => "Scripted reply at " + stage,
        };
        await writer.WriteLineAsync(_fault.Code + " " + text);
        return _fault.Code == 421;
    }

    private static string Address(string argument)
    {
        var start = argument.IndexOf('<');
        var end = argument.IndexOf('>');
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }
}

using System.Text;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>
/// A large, deterministic code base shaped like a mail-heavy application: MailKit and System.Net.Mail
/// senders, bounce classifiers and retry code (with the mistakes the rules find and the correct forms),
/// and a majority of unrelated code full of the same numbers (250, 421, 550) as HTTP statuses, sizes,
/// timeouts and ports, which must cost little and report nothing.
/// </summary>
public static class Corpus
{
    public static IReadOnlyList<(string Name, string Text)> Generate(int files, int seed = 421)
    {
        var random = new Random(seed);
        var result = new List<(string, string)>(files);
        for (var i = 0; i < files; i++)
        {
            var kind = i % 10;
            var text = kind switch
            {
                0 or 1 => MailKitSender(i, random),
                2 => SystemNetMailNotifier(i, random),
                3 => RetryCode(i, random),
                _ => UnrelatedCode(i, random),
            };
            result.Add(($"File{i:D4}.cs", text));
        }

        return result;
    }

    private static readonly int[] Codes = [250, 421, 450, 451, 452, 550, 552, 554];

    private static string MailKitSender(int index, Random random)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing MailKit.Net.Smtp;\nusing MailKit.Security;\nusing MimeKit;\n\n");
        text.Append($"namespace Corpus.Mail{index % 17};\n\npublic sealed class Sender{index}\n{{\n");
        text.Append("    private int lastSmtpStatus;\n    private readonly int port = 587;\n\n");
        for (var m = 0; m < 12; m++)
        {
            var code = Codes[random.Next(Codes.Length)];
            text.Append($$"""
                    public async Task<bool> Send{{m}}Async(MimeMessage message, CancellationToken cancellationToken)
                    {
                        using var smtp = new SmtpClient();
                        smtp.Timeout = {{30000 + m}};
                        try
                        {
                            await smtp.ConnectAsync("smtp.example.com", port, SecureSocketOptions.StartTls, cancellationToken);
                            await smtp.SendAsync(message, cancellationToken);
                            lastSmtpStatus = {{code}};
                            return true;
                        }
                        catch (SmtpCommandException ex) when ((int)ex.StatusCode == {{code}})
                        {
                            var code = (int)ex.StatusCode;
                            if (code == 421 || code >= 500)
                            {
                                return false;
                            }

                            return ex.StatusCode == SmtpStatusCode.MailboxBusy || ex.StatusCode == (SmtpStatusCode)452;
                        }
                    }

                    public static bool Text{{m}}(SmtpCommandException ex, string smtpReply) =>
                        smtpReply.StartsWith("550") || ex.Message.Contains("5.7.1") || Version.Parse("5.1.1").Major == {{m}};

                    public static string Classify{{m}}(SmtpCommandException ex) => (int)ex.StatusCode switch
                    {
                        450 or 451 => "greylisted",
                        550 => "rejected",
                        _ => ex.Message.Length > 250 ? "long" : "other",
                    };


                """);
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string SystemNetMailNotifier(int index, Random random)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Net.Mail;\n\n");
        text.Append($"namespace Corpus.Notify{index % 13};\n\npublic sealed class Notifier{index}\n{{\n");
        for (var m = 0; m < 14; m++)
        {
            var code = Codes[random.Next(Codes.Length)];
            text.Append($$"""
                    public bool Notify{{m}}(SmtpClient client, MailMessage message)
                    {
                        try
                        {
                            client.Send(message);
                            return true;
                        }
                        catch (SmtpException ex)
                        {
                            switch ((int)ex.StatusCode)
                            {
                                case {{code}}:
                                    return false;
                                case 535:
                                    throw;
                                default:
                                    return ex.StatusCode == SmtpStatusCode.ServiceNotAvailable;
                            }
                        }
                    }


                """);
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string RetryCode(int index, Random random)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Threading.Tasks;\n\n");
        text.Append($"namespace Corpus.Retry{index % 7};\n\npublic static class Retry{index}\n{{\n");
        for (var m = 0; m < 16; m++)
        {
            text.Append($$"""
                    public static async Task<bool> Attempt{{m}}(Func<Task<int>> send, int maxAttempts)
                    {
                        for (var attempt = 1; attempt <= maxAttempts; attempt++)
                        {
                            var smtpReplyCode = await send();
                            if (smtpReplyCode == 250)
                            {
                                return true;
                            }

                            if (smtpReplyCode / 100 == 5 || smtpReplyCode == {{Codes[random.Next(Codes.Length)]}})
                            {
                                return false;
                            }

                            await Task.Delay(TimeSpan.FromSeconds(30 * attempt));
                        }

                        return false;
                    }


                """);
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string UnrelatedCode(int index, Random random)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Net;\nusing System.Net.Http;\nusing System.Threading.Tasks;\n\n");
        text.Append($"namespace Corpus.Domain{index % 31};\n\npublic sealed class Service{index}\n{{\n");
        text.Append("    private readonly HttpClient http = new();\n    private readonly Dictionary<int, string> cache = new();\n\n");
        for (var m = 0; m < 10; m++)
        {
            var number = Codes[random.Next(Codes.Length)];
            text.Append($$"""
                    public async Task<string> Fetch{{m}}(string url, int statusCode, int replyCode)
                    {
                        using var response = await http.GetAsync(url);
                        if ((int)response.StatusCode == 503 || response.StatusCode == (HttpStatusCode)429 || statusCode == {{number}})
                        {
                            await Task.Delay({{number}});
                            return string.Empty;
                        }

                        var buffer = new byte[{{number}}];
                        var total = 0;
                        for (var i = 0; i < buffer.Length; i++)
                        {
                            buffer[i] = (byte)(i % 250);
                            total += buffer[i] * {{number}};
                        }

                        cache[{{number}}] = url;
                        var body = await response.Content.ReadAsStringAsync();
                        if (body.StartsWith("250") || body.Contains("5.1.1"))
                        {
                            return body;
                        }

                        return replyCode switch
                        {
                            421 => "quota",
                            550 => total > 421 ? "big" : "small",
                            _ => await response.Content.ReadAsStringAsync(),
                        };
                    }

                    public static double Price{{m}}(double amount) => amount * 1.{{number}} + {{number}} - Math.Max(amount, 550);


                """);
        }

        text.Append("}\n");
        return text.ToString();
    }
}

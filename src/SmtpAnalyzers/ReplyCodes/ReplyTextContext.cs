using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// Decides, semantically, whether a string literal is compared with the text of an SMTP reply (SPEC
/// "SMTP context", strings): passed to <c>StartsWith</c>, <c>Contains</c>, <c>Equals</c> or <c>IndexOf</c>
/// on that text, or compared with it (or with its first three characters) by <c>==</c> or <c>!=</c>.
/// Shared by SMTP002, SMTP005, SMTP006 and their fixes so that they always agree: SMTP006 takes the texts that
/// never hold the reply code (<see cref="ReplyTextUse.WithoutCode"/>), SMTP002 the others.
/// </summary>
internal static class ReplyTextContext
{
    /// <summary>
    /// A purely syntactic first test for SMTP002: a string literal that starts with a reply code of the
    /// catalog followed by nothing, a space or a hyphen (<c>"421"</c>, <c>"250 "</c>, <c>"250-"</c>).
    /// </summary>
    public static bool IsReplyCodeCandidate(SyntaxToken token, out ReplyCode? code)
    {
        code = null;
        if (token.RawKind != (int)SyntaxKind.StringLiteralToken
            || token.Value is not string text
            || text.Length < 3
            || (text.Length > 3 && text[3] != ' ' && text[3] != '-')
            || !IsDigit(text[0]) || !IsDigit(text[1]) || !IsDigit(text[2]))
        {
            return false;
        }

        code = ReplyCatalog.Find(((text[0] - '0') * 100) + ((text[1] - '0') * 10) + (text[2] - '0'));
        return code is not null;
    }

    /// <summary>
    /// A purely syntactic first test for SMTP005: a string literal that is exactly an enhanced status code,
    /// <c>[245].\d{1,3}.\d{1,3}</c> (RFC 3463, section 2), such as <c>"5.7.1"</c>.
    /// </summary>
    public static bool IsEnhancedCodeCandidate(SyntaxToken token, out int statusClass, out int subject, out int detail)
    {
        statusClass = subject = detail = 0;
        if (token.RawKind != (int)SyntaxKind.StringLiteralToken
            || token.Value is not string text
            || text.Length < 5
            || text[0] is not ('2' or '4' or '5')
            || text[1] != '.')
        {
            return false;
        }

        statusClass = text[0] - '0';
        var position = 2;
        return Number(text, ref position, out subject)
            && position < text.Length && text[position++] == '.'
            && Number(text, ref position, out detail)
            && position == text.Length;
    }

    /// <summary>The comparison of <paramref name="literal"/> with SMTP reply text, or null when there is none.</summary>
    public static ReplyTextUse? Find(
        SemanticModel model,
        LiteralExpressionSyntax literal,
        SmtpSymbols symbols,
        ReplyCodeNames names,
        CancellationToken cancellationToken)
    {
        if (!MayBeCompared(literal) || model.GetOperation(literal, cancellationToken) is not ILiteralOperation operation)
        {
            return null;
        }

        IOperation node = operation;
        while (node.Parent is IConversionOperation { IsImplicit: true } conversion)
        {
            node = conversion;
        }

        IOperation? compared;
        IOperation test;
        var negated = false;
        switch (node.Parent)
        {
            // reply.StartsWith("421"), string.Equals(reply, "421")
            case IArgumentOperation { Parent: IInvocationOperation invocation } argument when IsStringMethod(invocation.TargetMethod):
                compared = ArgumentComparedWith(invocation, argument);
                test = invocation;
                break;

            // "421".Equals(reply)
            case IInvocationOperation { TargetMethod.Name: "Equals", Arguments.Length: >= 1 } invocation
                when invocation.Instance == node && IsStringMethod(invocation.TargetMethod):
                compared = invocation.Arguments[0].Value;
                test = invocation;
                break;

            // reply == "421", reply.Substring(0, 3) != "421"
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                compared = binary.LeftOperand == node ? binary.RightOperand : binary.LeftOperand;
                negated = binary.OperatorKind == BinaryOperatorKind.NotEquals;
                test = binary;
                break;

            default:
                return null;
        }

        compared = FirstThreeCharactersOf(ReplyCodeContext.WithoutImplicitConversions(compared));
        if (compared?.Syntax is not ExpressionSyntax text || compared.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var origin = OriginOf(compared, symbols, names, model, cancellationToken, followLocals: true);
        if (origin.Kind == ReplyTextKind.None)
        {
            return null;
        }

        var owner = StatusOwnerOf(compared, symbols);
        return new ReplyTextUse(literal, text, Fixable(test), negated, owner?.Syntax, owner?.StatusEnum, origin);
    }

    /// <summary>
    /// A syntactic first test, so that a literal elsewhere costs no binding: the literal, in parentheses or not, is
    /// an argument, an operand of <c>==</c> or <c>!=</c>, or the receiver of a call, the only places
    /// <see cref="Find"/> accepts.
    /// </summary>
    private static bool MayBeCompared(LiteralExpressionSyntax literal)
    {
        SyntaxNode node = literal;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent switch
        {
            ArgumentSyntax => true,
            BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression),
            MemberAccessExpressionSyntax access => access.Expression == node,
            _ => false,
        };
    }

    private static bool IsStringMethod(IMethodSymbol method) =>
        method.ContainingType?.SpecialType == SpecialType.System_String
        && method.Name is "StartsWith" or "Contains" or "Equals" or "IndexOf";

    /// <summary>The reply text a literal argument is compared with: the receiver, or the other operand of <c>string.Equals</c>.</summary>
    private static IOperation? ArgumentComparedWith(IInvocationOperation invocation, IArgumentOperation argument)
    {
        var ordinal = argument.Parameter?.Ordinal ?? -1;
        if (!invocation.TargetMethod.IsStatic)
        {
            return ordinal == 0 ? invocation.Instance : null;
        }

        // string.Equals(a, b) and string.Equals(a, b, comparison)
        if (invocation.TargetMethod.Name != "Equals" || ordinal > 1 || invocation.Arguments.Length < 2)
        {
            return null;
        }

        foreach (var other in invocation.Arguments)
        {
            if (other != argument && other.Parameter?.Ordinal is 0 or 1)
            {
                return other.Value;
            }
        }

        return null;
    }

    /// <summary>A test the SMTP002 fix can replace by a boolean: everything but <c>IndexOf</c>, outside <c>?.</c>.</summary>
    private static ExpressionSyntax? Fixable(IOperation test) =>
        test is IInvocationOperation { TargetMethod.Name: "IndexOf" } || test.Syntax.Parent is MemberBindingExpressionSyntax
            ? null
            : test.Syntax as ExpressionSyntax;

    /// <summary><c>text.Substring(0, 3)</c> stands for <c>text</c>: comparing the first three characters is a code test.</summary>
    private static IOperation? FirstThreeCharactersOf(IOperation? value)
    {
        if (value is IInvocationOperation
            {
                TargetMethod: { Name: "Substring", ContainingType.SpecialType: SpecialType.System_String },
                Arguments.Length: 2,
            } substring
            && substring.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 }
            && substring.Arguments[1].Value.ConstantValue is { HasValue: true, Value: 3 })
        {
            return ReplyCodeContext.WithoutImplicitConversions(substring.Instance);
        }

        return value;
    }

    /// <summary><c>ex.Message</c> of an exception, or <c>response.Response</c> of a reply, that has a library <c>StatusCode</c>.</summary>
    private static (ExpressionSyntax Syntax, INamedTypeSymbol StatusEnum)? StatusOwnerOf(IOperation text, SmtpSymbols symbols)
    {
        if (text is not IPropertyReferenceOperation { Instance: { Type: { } ownerType } instance } property
            || instance.Syntax is not ExpressionSyntax ownerSyntax
            || !IsReplyTextProperty(property.Property.Name, ownerType, symbols))
        {
            return null;
        }

        for (var type = ownerType; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers("StatusCode"))
            {
                if (member is IPropertySymbol { Type: INamedTypeSymbol statusEnum } && symbols.StatusLibraryOf(statusEnum) != StatusLibrary.None)
                {
                    return (ownerSyntax, statusEnum);
                }
            }
        }

        return null;
    }

    private static bool IsReplyTextProperty(string name, ITypeSymbol ownerType, SmtpSymbols symbols) =>
        ReplyTextPropertyOf(name, ownerType, symbols).Kind != ReplyTextKind.None;

    // MailKit parses the code off every reply: SmtpCommandException.Message and SmtpResponse.Response are the text
    // after it. System.Net.Mail's SmtpException.Message is a sentence that may quote the server's reply line.
    private static ReplyTextOrigin ReplyTextPropertyOf(string name, ITypeSymbol ownerType, SmtpSymbols symbols) => name switch
    {
        "Message" when DerivesFrom(ownerType, symbols.MailKitCommandException) => new(ReplyTextKind.WithoutCode, "SmtpCommandException.Message"),
        "Message" when DerivesFrom(ownerType, symbols.SystemNetMailException) => new(ReplyTextKind.MayHoldCode, null),
        "Response" when DerivesFrom(ownerType, symbols.MailKitResponse) => new(ReplyTextKind.WithoutCode, "SmtpResponse.Response"),
        _ => default,
    };

    /// <summary>
    /// Whether <paramref name="text"/> holds SMTP reply text, by origin or by name, and whether that text can hold
    /// the reply code. The origin decides before the name: <c>var smtpResponse = await client.SendAsync(m);</c>
    /// never holds a code, whatever the local is called.
    /// </summary>
    private static ReplyTextOrigin OriginOf(
        IOperation text,
        SmtpSymbols symbols,
        ReplyCodeNames names,
        SemanticModel model,
        CancellationToken cancellationToken,
        bool followLocals)
    {
        switch (text)
        {
            case IPropertyReferenceOperation { Instance.Type: { } ownerType } property
                when ReplyTextPropertyOf(property.Property.Name, ownerType, symbols) is { Kind: not ReplyTextKind.None } origin:
                return origin;
            case IPropertyReferenceOperation property:
                return ByName(names.MatchesText(property.Property.Name));
            case IFieldReferenceOperation field:
                return ByName(names.MatchesText(field.Field.Name));
            case IParameterReferenceOperation parameter:
                return ByName(names.MatchesText(parameter.Parameter.Name));
            case ILocalReferenceOperation local:
                // var response = await client.SendAsync(message): the local's initializer, then its name.
                var initialized = followLocals
                    && ReplyCodeContext.WithoutImplicitConversions(ReplyCodeContext.InitializerOf(local.Local, model, cancellationToken)) is { } initializer
                        ? OriginOf(initializer, symbols, names, model, cancellationToken, followLocals: false)
                        : default;
                return initialized.Kind == ReplyTextKind.WithoutCode || !names.MatchesText(local.Local.Name)
                    ? initialized
                    : ByName(matches: true);
            default:
                return SendResultOf(text, symbols) is { } send
                    ? new ReplyTextOrigin(ReplyTextKind.WithoutCode, "the text " + send + " returns", isSendResult: true)
                    : default;
        }
    }

    private static ReplyTextOrigin ByName(bool matches) => matches ? new(ReplyTextKind.MayHoldCode, null) : default;

    /// <summary>
    /// The name of the MailKit send whose result <paramref name="value"/> is: <c>client.Send(message)</c>,
    /// <c>await client.SendAsync(message)</c> (also with <c>ConfigureAwait</c>). It returns the server's final text,
    /// without the code, and only after a 250.
    /// </summary>
    private static string? SendResultOf(IOperation value, SmtpSymbols symbols)
    {
        if (value is IAwaitOperation awaited)
        {
            value = awaited.Operation;
            if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                value = configured;
            }
        }

        return value is IInvocationOperation invocation && symbols.SendLibraryOf(invocation.TargetMethod) == StatusLibrary.MailKit
            ? invocation.TargetMethod.Name
            : null;
    }

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool Number(string text, ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && IsDigit(text[position]) && position - start < 3)
        {
            value = (value * 10) + (text[position++] - '0');
        }

        return position > start;
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// Decides, semantically, whether a numeric literal is used as an SMTP reply code in an
/// equality-like context (SPEC "SMTP context"), and what a fix may replace it with.
/// Shared by the analyzer and its code fix so that both always agree.
/// </summary>
internal static class ReplyCodeContext
{
    // Three-digit values are codes or near-codes; four digits catch typos such as 5501.
    // Smaller values (0, -1, 1) are sentinels, not attempted reply codes.
    private const int SmallestCandidate = 100;
    private const int LargestCandidate = 9999;

    /// <summary>A purely syntactic first test: an int literal in the range of attempted reply codes.</summary>
    public static bool IsCandidate(SyntaxToken token, out int value)
    {
        if (token.IsInt32(out var number)
            && number >= SmallestCandidate
            && number <= LargestCandidate)
        {
            value = number;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The reply-code use of <paramref name="literal"/>, or null when it is not in SMTP context.</summary>
    public static ReplyCodeUse? Find(
        SemanticModel model,
        LiteralExpressionSyntax literal,
        int value,
        SmtpSymbols symbols,
        ReplyCodeNames names,
        CancellationToken cancellationToken)
    {
        if (DefinesAName(literal) || model.GetOperation(literal, cancellationToken) is not ILiteralOperation operation)
        {
            return null;
        }

        IOperation node = operation;
        while (node.Parent is IConversionOperation conversion)
        {
            var library = symbols.StatusLibraryOf(conversion.Type);
            if (library != StatusLibrary.None && conversion.Syntax is CastExpressionSyntax enumCast)
            {
                if (IsRelationalOperand(conversion))
                {
                    // status < (SmtpStatusCode)300: a class bound, SMTP004's.
                    return null;
                }

                // (SmtpStatusCode)452
                var enumType = (INamedTypeSymbol)conversion.Type!;
                var member = MemberOf(library, value);
                return new ReplyCodeUse(literal, value, enumType, library, member, member is null ? null : enumCast);
            }

            if (!conversion.IsImplicit)
            {
                return null;
            }

            node = conversion;
        }

        switch (node.Parent)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var compared = binary.LeftOperand == node ? binary.RightOperand : binary.LeftOperand;
                return ComparedWith(compared, binary, literal, value, symbols, names, model, cancellationToken);

            case ISingleValueCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation statement } }:
                return ComparedWith(statement.Value, statement, literal, value, symbols, names, model, cancellationToken);

            case IConstantPatternOperation pattern:
                var matched = PatternInput(pattern, out var owner);
                return matched is null
                    ? null
                    : ComparedWith(matched, owner!, literal, value, symbols, names, model, cancellationToken);

            case ISimpleAssignmentOperation assignment when assignment.Value == node:
                return HoldsReplyCode(assignment.Target, symbols, names, model, cancellationToken)
                    ? IntegerUse(literal, value)
                    : null;

            case IArgumentOperation argument:
                if (EqualityAssertion.ComparedWith(argument, out var typeArgumentsWritten) is { } asserted)
                {
                    // Assert.Equal(451, (int)ex.StatusCode): a comparison, as ==. With its type argument written
                    // (Assert.Equal<int>), the status keeps its cast: the argument is no label that can become a member.
                    return ComparedWith(asserted, typeArgumentsWritten ? argument.Parent! : argument, literal, value, symbols, names, model, cancellationToken);
                }

                return argument.Parameter is { IsParams: false } parameter && IsInteger(parameter.Type) && names.Matches(parameter.Name)
                    ? IntegerUse(literal, value)
                    : null;

            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return !declarator.Symbol.IsConst && IsInteger(declarator.Symbol.Type) && names.Matches(declarator.Symbol.Name)
                    ? IntegerUse(literal, value)
                    : null;

            case IFieldInitializerOperation field:
                foreach (var initialized in field.InitializedFields)
                {
                    if (!initialized.IsConst && !initialized.IsReadOnly && IsInteger(initialized.Type) && names.Matches(initialized.Name))
                    {
                        return IntegerUse(literal, value);
                    }
                }

                return null;

            case IPropertyInitializerOperation property:
                foreach (var initialized in property.InitializedProperties)
                {
                    if (IsInteger(initialized.Type) && names.Matches(initialized.Name))
                    {
                        return IntegerUse(literal, value);
                    }
                }

                return null;

            default:
                return null;
        }
    }

    /// <summary><paramref name="value"/> is compared by <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> or a relational pattern.</summary>
    private static bool IsRelationalOperand(IOperation value)
    {
        while (value.Parent is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion;
        }

        return value.Parent is IRelationalPatternOperation
            or IBinaryOperation
            {
                OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
            };
    }

    /// <summary>
    /// Whether every label compared with the same value as <paramref name="owner"/>'s (a comparison, a switch,
    /// a switch expression, an <c>is</c> pattern or the expected argument of an equality assertion) is a literal
    /// with a member in <paramref name="library"/>'s
    /// enum, so that the cast on the compared value can be dropped; each is added to <paramref name="labels"/>
    /// when it is given.
    /// </summary>
    internal static bool LabelsHaveMembers(IOperation owner, StatusLibrary library, List<LiteralExpressionSyntax>? labels)
    {
        switch (owner)
        {
            case IBinaryOperation binary:
                return HasMember(binary.LeftOperand, library, labels) || HasMember(binary.RightOperand, library, labels);

            case IArgumentOperation argument:
                return HasMember(argument.Value, library, labels);

            case ISwitchOperation statement:
                foreach (var section in statement.Cases)
                {
                    foreach (var clause in section.Clauses)
                    {
                        var ok = clause switch
                        {
                            ISingleValueCaseClauseOperation single => HasMember(single.Value, library, labels),
                            IPatternCaseClauseOperation patternClause => PatternHasMembers(patternClause.Pattern, library, labels),
                            IDefaultCaseClauseOperation => true,
                            _ => false,
                        };
                        if (!ok)
                        {
                            return false;
                        }
                    }
                }

                return true;

            case ISwitchExpressionOperation expression:
                foreach (var arm in expression.Arms)
                {
                    if (!PatternHasMembers(arm.Pattern, library, labels))
                    {
                        return false;
                    }
                }

                return true;

            case IIsPatternOperation isPattern:
                return PatternHasMembers(isPattern.Pattern, library, labels);

            default:
                return false;
        }
    }

    /// <summary>The member of the library's enum with <paramref name="value"/>, if the library has one.</summary>
    public static string? MemberOf(StatusLibrary library, int value)
    {
        var code = ReplyCatalog.Find(value);
        return library switch
        {
            StatusLibrary.MailKit => code?.MailKitMember,
            StatusLibrary.SystemNetMail => code?.SystemNetMailMember,
            _ => null,
        };
    }

    private static ReplyCodeUse? ComparedWith(
        IOperation compared,
        IOperation owner,
        LiteralExpressionSyntax literal,
        int value,
        SmtpSymbols symbols,
        ReplyCodeNames names,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        // (int)ex.StatusCode == 421: the status enum under an explicit cast.
        if (compared is IConversionOperation { IsImplicit: false, Syntax: CastExpressionSyntax intCast } conversion
            && symbols.StatusLibraryOf(conversion.Operand.Type) is var library and not StatusLibrary.None)
        {
            var enumType = (INamedTypeSymbol)conversion.Operand.Type!;
            return LabelsHaveMembers(owner, library, labels: null)
                ? new ReplyCodeUse(literal, value, enumType, library, MemberOf(library, value), enumCast: null, intCast, owner)
                : new ReplyCodeUse(literal, value, enumType, library, enumMember: null, enumCast: null);
        }

        return HoldsReplyCode(compared, symbols, names, model, cancellationToken) ? IntegerUse(literal, value) : null;
    }

    /// <summary>
    /// True when <paramref name="value"/> is an SMTP status as a number: either library's status enum under an
    /// explicit cast (<c>(int)ex.StatusCode</c>) or an integer that holds a reply (<see cref="HoldsReplyCode"/>).
    /// </summary>
    internal static bool IsNumericStatus(
        IOperation? value,
        SmtpSymbols symbols,
        ReplyCodeNames names,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        if (value is IConversionOperation { IsImplicit: false } conversion
            && symbols.StatusLibraryOf(conversion.Operand.Type) != StatusLibrary.None)
        {
            return true;
        }

        return value is not null && HoldsReplyCode(value, symbols, names, model, cancellationToken);
    }

    /// <summary>True when <paramref name="value"/> is an integer that holds an SMTP reply by name or by origin.</summary>
    internal static bool HoldsReplyCode(
        IOperation value,
        SmtpSymbols symbols,
        ReplyCodeNames names,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        if (WithoutImplicitConversions(value) is not { } stripped || !IsInteger(stripped.Type))
        {
            return false;
        }

        return stripped switch
        {
            ILocalReferenceOperation local => names.Matches(local.Local.Name)
                || InitializedFromStatus(local.Local, symbols, model, cancellationToken),
            IParameterReferenceOperation parameter => names.Matches(parameter.Parameter.Name),
            IFieldReferenceOperation field => names.Matches(field.Field.Name),
            IPropertyReferenceOperation property => names.Matches(property.Property.Name),
            _ => false,
        };
    }

    /// <summary><c>var code = (int)ex.StatusCode;</c>: a local whose initializer is a library status.</summary>
    private static bool InitializedFromStatus(
        ILocalSymbol local,
        SmtpSymbols symbols,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        var origin = InitializerOf(local, model, cancellationToken);
        while (origin is IConversionOperation conversion)
        {
            origin = conversion.Operand;
        }

        return origin is not null && symbols.StatusLibraryOf(origin.Type) != StatusLibrary.None;
    }

    /// <summary>The initializer of a local declared in <paramref name="model"/>'s tree, or null.</summary>
    internal static IOperation? InitializerOf(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == model.SyntaxTree
                && reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
            {
                return model.GetOperation(initializer, cancellationToken);
            }
        }

        return null;
    }

    /// <summary><paramref name="value"/> without the implicit conversions the compiler put around it.</summary>
    internal static IOperation? WithoutImplicitConversions(IOperation? value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    /// <summary>The value a constant pattern is matched against, climbing <c>or</c>/<c>and</c>/<c>not</c>.</summary>
    private static IOperation? PatternInput(IPatternOperation pattern, out IOperation? owner)
    {
        IOperation current = pattern;
        while (current.Parent is IBinaryPatternOperation or INegatedPatternOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IIsPatternOperation isPattern:
                owner = isPattern;
                return isPattern.Value;
            case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation expression }:
                owner = expression;
                return expression.Value;
            case IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation statement } }:
                owner = statement;
                return statement.Value;
            case IPropertySubpatternOperation property:
                // reply is { SmtpStatus: 421 }: the member is the compared value.
                owner = property;
                return property.Member;
            default:
                owner = null;
                return null;
        }
    }

    private static bool PatternHasMembers(IPatternOperation pattern, StatusLibrary library, List<LiteralExpressionSyntax>? labels) =>
        pattern switch
        {
            IConstantPatternOperation constant => HasMember(constant.Value, library, labels),
            IBinaryPatternOperation binary => PatternHasMembers(binary.LeftPattern, library, labels)
                && PatternHasMembers(binary.RightPattern, library, labels),
            INegatedPatternOperation negated => PatternHasMembers(negated.Pattern, library, labels),
            IDiscardPatternOperation => true,
            _ => false,
        };

    private static bool HasMember(IOperation value, StatusLibrary library, List<LiteralExpressionSyntax>? labels)
    {
        if (WithoutImplicitConversions(value) is ILiteralOperation { Syntax: LiteralExpressionSyntax { Token: var token } syntax }
            && token.IsInt32(out var labelValue)
            && MemberOf(library, labelValue) is not null)
        {
            labels?.Add(syntax);
            return true;
        }

        return false;
    }

    private static ReplyCodeUse IntegerUse(LiteralExpressionSyntax literal, int value) =>
        new(literal, value, statusEnum: null, StatusLibrary.None, enumMember: null, enumCast: null);

    private static bool IsInteger(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type?.SpecialType is SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64;
    }

    /// <summary>
    /// The literal is the whole value of a constant, a readonly field or an enum member (possibly under a
    /// cast: <c>static readonly SmtpStatusCode Greylisted = (SmtpStatusCode)451;</c>): defining a name is
    /// the fix, and so is the initializer of a get-only property. A literal inside a larger initializer
    /// (a set of codes) is still a use. Attribute arguments
    /// and parameter defaults are declarations, not uses.
    /// </summary>
    private static bool DefinesAName(LiteralExpressionSyntax literal)
    {
        SyntaxNode value = literal;
        while (value.Parent is CastExpressionSyntax or ParenthesizedExpressionSyntax or CheckedExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is EqualsValueClauseSyntax { Parent: var declared })
        {
            switch (declared)
            {
                case EnumMemberDeclarationSyntax:
                case ParameterSyntax:
                    return true;
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field }:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword) || field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword);
                case VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax local }:
                    return local.IsConst;
                case PropertyDeclarationSyntax property:
                    // public int SmtpOkCode { get; } = 250;  a get-only property names its value.
                    return property.AccessorList?.Accessors.All(accessor => accessor.IsKind(SyntaxKind.GetAccessorDeclaration)) == true;
            }
        }

        for (var node = literal.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AttributeArgumentSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax:
                case StatementSyntax:
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}

using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.Tests.Meta;

/// <summary>The catalog against the specification and against the real library enums.</summary>
public class CatalogTests
{
    private static readonly int[] SpecifiedCodes =
    [
        211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455,
        500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556,
    ];

    [Fact]
    public void EveryCodeOfTheSpecification_IsInTheCatalog()
    {
        var missing = SpecifiedCodes.Where(code => ReplyCatalog.Find(code) is null);
        Assert.Empty(missing);
    }

    [Fact]
    public void Entries_AreAscendingWithUniqueNamesAndCompleteTexts()
    {
        var values = ReplyCatalog.All.Select(code => code.Value).ToArray();
        Assert.Equal(values.OrderBy(v => v), values);
        Assert.Equal(values.Length, values.Distinct().Count());
        Assert.Equal(values.Length, ReplyCatalog.All.Select(code => code.Name).Distinct().Count());
        foreach (var code in ReplyCatalog.All)
        {
            Assert.All(
                new[] { code.Name, code.Title, code.Description, code.WhenYouSeeIt, code.HowToFix, code.RetryAdvice, code.Rfc, code.Difference },
                text => Assert.False(string.IsNullOrWhiteSpace(text), $"{code.Value} has an empty text"));
            Assert.True(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(code.Name), code.Name);
            Assert.StartsWith("RFC ", code.Rfc);
            Assert.NotEqual(code.Value, code.ConfusedWith);
            Assert.NotNull(ReplyCatalog.Find(code.ConfusedWith));
        }
    }

    [Fact]
    public void ReplyClass_FollowsTheFirstDigit()
    {
        Assert.Equal(ReplyClass.PositiveCompletion, ReplyCatalog.Find(250)!.Class);
        Assert.Equal(ReplyClass.PositiveIntermediate, ReplyCatalog.Find(354)!.Class);
        Assert.Equal(ReplyClass.TransientNegative, ReplyCatalog.Find(421)!.Class);
        Assert.Equal(ReplyClass.PermanentNegative, ReplyCatalog.Find(550)!.Class);
    }

    [Theory]
    [InlineData(typeof(MailKit.Net.Smtp.SmtpStatusCode))]
    [InlineData(typeof(System.Net.Mail.SmtpStatusCode))]
    public void LibraryMembers_MatchTheRealEnums(Type statusEnum)
    {
        var isMailKit = statusEnum == typeof(MailKit.Net.Smtp.SmtpStatusCode);
        foreach (var name in Enum.GetNames(statusEnum))
        {
            var value = Convert.ToInt32(Enum.Parse(statusEnum, name));
            if (value < 0)
            {
                continue; // System.Net.Mail's GeneralFailure (-1) is not a reply code.
            }

            var code = ReplyCatalog.Find(value);
            Assert.True(code is not null, $"{statusEnum.FullName}.{name} = {value} is missing from the catalog");
            Assert.Equal(name, isMailKit ? code!.MailKitMember : code!.SystemNetMailMember);
        }

        foreach (var code in ReplyCatalog.All)
        {
            var member = isMailKit ? code.MailKitMember : code.SystemNetMailMember;
            Assert.True(
                member is null || Enum.IsDefined(statusEnum, code.Value),
                $"{code.Value} names {member}, which {statusEnum.FullName} does not define");
        }
    }

    [Fact]
    public void ConstantName_IsMailKitsMemberWhereMailKitHasOne()
    {
        Assert.All(
            ReplyCatalog.All.Where(code => code.MailKitMember is not null),
            code => Assert.Equal(code.MailKitMember, code.Name));
    }

    [Theory]
    [InlineData(405, new[] { 450 })]
    [InlineData(5501, new[] { 501, 550, 551 })]
    [InlineData(4211, new[] { 211, 421 })]
    [InlineData(999, new int[0])]
    public void LookAlikes_AreSwappedOrDroppedDigits(int value, int[] expected) =>
        Assert.Equal(expected, ReplyCatalog.LookAlikes(value).Select(code => code.Value));

    [Fact]
    public void EnhancedStatusCodes_CoverEverySubjectWithUniqueNames()
    {
        var all = EnhancedStatusCatalog.All;
        Assert.Equal(Enumerable.Range(0, 8), all.Select(code => code.Subject).Distinct().OrderBy(s => s));
        Assert.Equal(all.Length, all.Select(code => code.Name).Distinct().Count());
        Assert.Equal(all.Length, all.Select(code => code.Notation).Distinct().Count());
        Assert.Equal("BadDestinationMailboxAddress", EnhancedStatusCatalog.Find(1, 1)!.Name);
        Assert.Equal("DeliveryNotAuthorized", EnhancedStatusCatalog.Find(7, 1)!.Name);
        Assert.Null(EnhancedStatusCatalog.Find(9, 9));
        Assert.All(all, code => Assert.False(string.IsNullOrWhiteSpace(code.Description)));
    }
}

using Registra.Access;
using Registra.Commands;
using Registra.Events;
using Registra.Register;
using RegisterMachine = Registra.Register.Register;

namespace Registra.Tests.Register;

public sealed class DocumentTests
{
    private const string Prospectus = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    private const string Terms = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    private const string PdfUri = "https://docs.example.com/acme/prospectus.pdf";

    private static AttachDocument AttachProspectus(string securityId) =>
        new(securityId, "Prospectus", Prospectus, PdfUri, "application/pdf");

    [Fact]
    public void Attach_ValidDocument_IsInState()
    {
        var fixture = RegisterFixture.Create();

        var result = fixture.MustExecute(AttachProspectus(fixture.SecurityId));

        var document = Assert.Single(fixture.Security.Documents.Values);
        Assert.Equal(Prospectus.ToLowerInvariant(), result.CreatedId);
        Assert.Equal(Prospectus.ToLowerInvariant(), document.Sha256);
        Assert.Equal("Prospectus", document.Name);
        Assert.Equal(PdfUri, document.Uri);
        Assert.Equal("application/pdf", document.MediaType);
        Assert.Equal(fixture.Now, document.AttachedAt);
    }

    [Fact]
    public void Attach_WithoutOptionalFields_IsAccepted()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new AttachDocument(fixture.SecurityId, "  Terms  ", Terms));

        var document = fixture.Security.Documents[Terms];
        Assert.Equal("Terms", document.Name);
        Assert.Null(document.Uri);
        Assert.Null(document.MediaType);
    }

    [Fact]
    public void Attach_SameHashTwice_IsAlreadyExists()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));

        var failures = fixture.AssertRejected(new AttachDocument(fixture.SecurityId, "Other name", Prospectus.ToLowerInvariant()),
            Reasons.Reasons.AlreadyExists);

        Assert.Equal(Prospectus.ToLowerInvariant(), failures[0].Subject);
    }

    public static TheoryData<string> BadHashes => new()
    {
        "",
        "abc",
        Prospectus[..63],
        Prospectus + "0",
        Prospectus[..63] + "g",
        Prospectus + "\n",
        " " + Prospectus[1..],
    };

    [Theory]
    [MemberData(nameof(BadHashes))]
    public void Attach_BadHash_IsInvalid(string sha256)
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(new AttachDocument(fixture.SecurityId, "Prospectus", sha256), Reasons.Reasons.InvalidArgument);

        Assert.Equal(sha256, failures[0].Subject);
    }

    [Theory]
    [InlineData("ftp://docs.example.com/p.pdf")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/p.pdf")]
    [InlineData("not a uri")]
    [InlineData("https://user:secret@docs.example.com/p.pdf")]
    [InlineData("javascript:alert(1)")]
    public void Attach_BadUri_IsInvalid(string uri)
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(new AttachDocument(fixture.SecurityId, "Prospectus", Prospectus, uri), Reasons.Reasons.InvalidArgument);

        Assert.Equal(uri, failures[0].Subject);
    }

    [Fact]
    public void Attach_OverlongUri_IsInvalid()
    {
        var fixture = RegisterFixture.Create();
        var uri = "https://docs.example.com/" + new string('a', RegisterMachine.MaxDocumentUriLength);

        fixture.AssertRejected(new AttachDocument(fixture.SecurityId, "Prospectus", Prospectus, uri), Reasons.Reasons.InvalidArgument);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pdf")]
    [InlineData("application/pdf; charset=binary")]
    [InlineData("application/")]
    [InlineData("/pdf")]
    [InlineData("application/pdf\n")]
    public void Attach_BadMediaType_IsInvalid(string mediaType)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new AttachDocument(fixture.SecurityId, "Prospectus", Prospectus, null, mediaType), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void Attach_MixedCaseMediaType_IsStoredLowercase()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new AttachDocument(fixture.SecurityId, "Prospectus", Prospectus, null, "Application/PDF"));

        Assert.Equal("application/pdf", fixture.Security.Documents[Prospectus.ToLowerInvariant()].MediaType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(RegisterMachine.MaxDocumentNameLength + 1)]
    public void Attach_BadNameLength_IsInvalid(int length)
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new AttachDocument(fixture.SecurityId, new string('n', length), Prospectus), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void Attach_LongestName_IsAccepted()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(new AttachDocument(fixture.SecurityId, new string('n', RegisterMachine.MaxDocumentNameLength), Prospectus));
    }

    [Fact]
    public void Attach_SeveralBadFields_ListsEachFailure()
    {
        var fixture = RegisterFixture.Create();

        var failures = fixture.AssertRejected(new AttachDocument(fixture.SecurityId, "", "xyz", "ftp://x/y", "pdf"));

        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void Attach_AgentWithoutDocuments_IsDenied()
    {
        var fixture = RegisterFixture.Create();
        var command = AttachProspectus(fixture.SecurityId) with { Actor = RegisterFixture.Agent(Permissions.All & ~Permissions.Documents) };

        var failures = fixture.AssertRejected(command, Reasons.Reasons.PermissionDenied);

        Assert.Equal("documents", failures[0].Limit);
    }

    [Fact]
    public void Attach_AgentWithDocuments_IsAccepted()
    {
        var fixture = RegisterFixture.Create();

        fixture.MustExecute(AttachProspectus(fixture.SecurityId) with { Actor = RegisterFixture.Agent(Permissions.Documents) });
    }

    [Fact]
    public void Attach_UnknownSecurity_IsNotFound()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(AttachProspectus("sec_0000000000000000"), Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Remove_AttachedDocument_LeavesOthers()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));
        fixture.MustExecute(new AttachDocument(fixture.SecurityId, "Terms", Terms));

        fixture.MustExecute(new RemoveDocument(fixture.SecurityId, Prospectus));

        Assert.Equal([Terms], fixture.Security.Documents.Keys);
    }

    [Fact]
    public void Remove_UnknownHash_IsNotFound()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));

        fixture.AssertRejected(new RemoveDocument(fixture.SecurityId, Terms), Reasons.Reasons.NotFound);
    }

    [Fact]
    public void Remove_BadHash_IsInvalid()
    {
        var fixture = RegisterFixture.Create();

        fixture.AssertRejected(new RemoveDocument(fixture.SecurityId, "../etc"), Reasons.Reasons.InvalidArgument);
    }

    [Fact]
    public void Remove_AgentWithoutDocuments_IsDenied()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));
        var command = new RemoveDocument(fixture.SecurityId, Prospectus) { Actor = RegisterFixture.Agent(Permissions.Supply) };

        fixture.AssertRejected(command, Reasons.Reasons.PermissionDenied);
    }

    [Fact]
    public void Remove_ThenAttachAgain_IsAccepted()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));
        fixture.MustExecute(new RemoveDocument(fixture.SecurityId, Prospectus));

        fixture.MustExecute(AttachProspectus(fixture.SecurityId) with { Name = "Prospectus, second edition" });

        Assert.Equal("Prospectus, second edition", fixture.Security.Documents[Prospectus.ToLowerInvariant()].Name);
    }

    [Fact]
    public void Replay_ThroughEventCodec_GivesSameState()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));
        fixture.Advance(TimeSpan.FromHours(1));
        fixture.MustExecute(new AttachDocument(fixture.SecurityId, "Terms", Terms));
        fixture.MustExecute(new AttachDocument(fixture.SecurityId, "Draft", new string('a', 64)));
        fixture.MustExecute(new RemoveDocument(fixture.SecurityId, new string('A', 64)));

        var replayed = new RegisterMachine();
        foreach (var ledgerEvent in fixture.Journal)
        {
            replayed.Apply(EventCodec.Decode(EventCodec.Encode(ledgerEvent)));
        }

        var original = fixture.Security.Documents;
        var copy = replayed.State.Securities[fixture.SecurityId].Documents;
        Assert.Equal(original.OrderBy(p => p.Key), copy.OrderBy(p => p.Key));
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(fixture.Register.State)), Convert.ToHexString(StateDigest.Compute(replayed.State)));
    }

    [Fact]
    public void Digest_ChangesWithDocuments()
    {
        var fixture = RegisterFixture.Create();
        var before = Convert.ToHexString(StateDigest.Compute(fixture.Register.State));
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));
        var attached = Convert.ToHexString(StateDigest.Compute(fixture.Register.State));

        Assert.NotEqual(before, attached);
    }

    [Fact]
    public void Snapshot_RoundTrip_KeepsDocuments()
    {
        var fixture = RegisterFixture.Create();
        fixture.MustExecute(AttachProspectus(fixture.SecurityId));
        fixture.Advance(TimeSpan.FromDays(1));
        fixture.MustExecute(new AttachDocument(fixture.SecurityId, "Terms", Terms, null, "text/plain"));

        var bytes = StateSnapshot.Write(fixture.Register.State);
        var restored = StateSnapshot.Read(bytes);

        var original = fixture.Security.Documents;
        var copy = restored.Securities[fixture.SecurityId].Documents;
        Assert.Equal(original.OrderBy(p => p.Key), copy.OrderBy(p => p.Key));
        Assert.Equal(Convert.ToHexString(StateDigest.Compute(fixture.Register.State)), Convert.ToHexString(StateDigest.Compute(restored)));
        Assert.Equal(bytes, StateSnapshot.Write(restored));
    }

    [Fact]
    public void Snapshot_FormatVersionOne_IsRejected()
    {
        var fixture = RegisterFixture.Create();
        var bytes = StateSnapshot.Write(fixture.Register.State);
        bytes[6] = 1;
        bytes[7] = 0;

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Read(bytes));

        Assert.Contains("format version 1", error.Message, StringComparison.Ordinal);
    }
}

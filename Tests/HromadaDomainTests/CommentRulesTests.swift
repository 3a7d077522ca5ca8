import Foundation
import Testing
@testable import HromadaDomain

/// The rules of comments (issue 21), one test per rule, and the one way a
/// comment's text becomes HTML.
@Suite struct CommentRulesTests {
    /// Swift Testing has a `Comment` of its own.
    typealias Comment = HromadaDomain.Comment

    static let t0 = Date(epochSeconds: 1_800_000_000)
    static let author = AccountID(rawValue: "author")
    static let project = CommentSubject(kind: "budget_project", id: "p1")

    static func comment(
        _ id: String = "c1", on subject: CommentSubject = project, parent: String? = nil, by author: AccountID = author, at instant: Date = t0,
        hidden: Comment.Hiding? = nil
    ) -> Comment {
        Comment(
            id: CommentID(rawValue: id), municipalityID: MunicipalityID(rawValue: "vinnytsia"), subject: subject,
            parentID: parent.map(CommentID.init(rawValue:)), authorID: author, body: "Текст", createdAt: instant, hidden: hidden)
    }

    // MARK: The body

    @Test func theBodyIsTrimmedAndItsLineBreaksUnified() throws {
        #expect(try CommentRules.body("  \r\nПерший рядок\r\nдругий\rтретій \n\n ") == "Перший рядок\nдругий\nтретій")
    }

    @Test func anEmptyBodyIsRefused() {
        for typed in ["", "   ", "\n\n\t", "\u{0}\u{7}"] {
            #expect(throws: CommentProblem.empty) { try CommentRules.body(typed) }
        }
    }

    @Test func aBodyOfTwoThousandCharactersIsTakenAndOneMoreIsNot() throws {
        // Characters as a person counts them: a Cyrillic letter or an emoji is one.
        #expect(try CommentRules.body(String(repeating: "ї", count: 2_000)).count == 2_000)
        #expect(try CommentRules.body(String(repeating: "👍🏽", count: 2_000)).count == 2_000)
        #expect(throws: CommentProblem.tooLong) { try CommentRules.body(String(repeating: "ї", count: 2_001)) }
    }

    @Test func aBodyOfMoreThanFiftyLinesIsRefused() throws {
        #expect(try CommentRules.body(Array(repeating: "рядок", count: 50).joined(separator: "\n")).contains("\n"))
        #expect(throws: CommentProblem.tooManyLines) { try CommentRules.body(Array(repeating: "рядок", count: 51).joined(separator: "\n")) }
    }

    @Test func controlCharactersOtherThanLineBreaksAndTabsAreDropped() throws {
        #expect(try CommentRules.body("a\u{0}b\u{1B}[31mc\td") == "ab[31mc\td")
    }

    // MARK: Replies

    @Test func aReplyHangsUnderATopLevelCommentOnTheSameThing() throws {
        #expect(try CommentRules.parent(of: Self.project, answering: Self.comment("top")) == CommentID(rawValue: "top"))
    }

    @Test func aReplyToAReplyHangsUnderItsTopLevelComment() throws {
        #expect(try CommentRules.parent(of: Self.project, answering: Self.comment("reply", parent: "top")) == CommentID(rawValue: "top"))
    }

    @Test func aReplyToACommentOnAnotherThingOrToNoneIsRefused() {
        let elsewhere = Self.comment("other", on: CommentSubject(kind: "budget_project", id: "p2"))
        #expect(throws: CommentProblem.parentElsewhere) { try CommentRules.parent(of: Self.project, answering: elsewhere) }
        #expect(throws: CommentProblem.parentElsewhere) {
            try CommentRules.parent(of: Self.project, answering: Self.comment(on: CommentSubject(kind: "petition", id: "p1")))
        }
        #expect(throws: CommentProblem.parentElsewhere) { try CommentRules.parent(of: Self.project, answering: nil) }
    }

    // MARK: Editing

    @Test func theAuthorMayEditForFifteenMinutesAndNotAfter() throws {
        let comment = Self.comment()
        try CommentRules.checkEditable(comment, by: Self.author, at: Self.t0.addingTimeInterval(15 * 60))
        #expect(throws: CommentProblem.editWindowClosed) { try CommentRules.checkEditable(comment, by: Self.author, at: Self.t0.addingTimeInterval(15 * 60 + 1)) }
        #expect(CommentRules.editableSince(Self.t0.addingTimeInterval(15 * 60)) == Self.t0)
    }

    @Test func onlyTheAuthorEdits() {
        #expect(throws: CommentProblem.notAuthor) { try CommentRules.checkEditable(Self.comment(), by: AccountID(rawValue: "someone"), at: Self.t0) }
    }

    @Test func aHiddenCommentIsNotEdited() {
        let hidden = Self.comment(hidden: .init(reason: "Образи", by: AccountID(rawValue: "moderator"), at: Self.t0))
        #expect(throws: CommentProblem.hidden) { try CommentRules.checkEditable(hidden, by: Self.author, at: Self.t0) }
    }

    // MARK: Flags and moderation

    @Test func aHiddenCommentCannotBeFlagged() throws {
        let reader = AccountID(rawValue: "reader")
        try CommentRules.checkFlaggable(Self.comment(), by: reader)
        let hidden = Self.comment(hidden: .init(reason: "Спам", by: AccountID(rawValue: "moderator"), at: Self.t0))
        #expect(throws: CommentProblem.hidden) { try CommentRules.checkFlaggable(hidden, by: reader) }
    }

    @Test func nobodyFlagsTheirOwnComment() {
        #expect(throws: CommentProblem.ownComment) { try CommentRules.checkFlaggable(Self.comment(), by: Self.author) }
    }

    @Test func theModeratorsReasonIsRequiredFromThreeToFiveHundredCharacters() throws {
        #expect(try CommentRules.reason("  Спам \n") == "Спам")
        #expect(try CommentRules.reason(String(repeating: "я", count: 500)).count == 500)
        for typed in ["", "  ", "ab", String(repeating: "я", count: 501)] {
            #expect(throws: CommentProblem.reasonLength) { try CommentRules.reason(typed) }
        }
    }

    @Test func aCommentIsHiddenOnceAndShownOnlyWhenHidden() throws {
        let shown = Self.comment(), hidden = Self.comment(hidden: .init(reason: "Спам", by: AccountID(rawValue: "m"), at: Self.t0))
        try CommentRules.checkHideable(shown)
        try CommentRules.checkUnhideable(hidden)
        #expect(throws: CommentProblem.alreadyHidden) { try CommentRules.checkHideable(hidden) }
        #expect(throws: CommentProblem.notHidden) { try CommentRules.checkUnhideable(shown) }
    }

    @Test func aSubjectFromOutsideMustBeAKindAndAnIdOfSensibleLength() {
        #expect(CommentSubject.parse(kind: "strategy_node", id: "doc1/node-2") == CommentSubject(kind: "strategy_node", id: "doc1/node-2"))
        #expect(CommentSubject.parse(kind: "Budget_Project", id: "p1") == nil)
        #expect(CommentSubject.parse(kind: "budget_project", id: "") == nil)
        #expect(CommentSubject.parse(kind: "budget_project", id: "p 1") == nil)
        #expect(CommentSubject.parse(kind: "budget_project", id: String(repeating: "x", count: 201)) == nil)
        #expect(CommentSubject.parse(kind: String(repeating: "k", count: 41), id: "p1") == nil)
    }

    @Test func theSettingReadsAChoiceItDoesNotKnowAsTheDefault() throws {
        let decoded = try JSONDecoder().decode(MunicipalitySettings.self, from: Data(#"{"contactEmail":"","commentPolicy":"everyone"}"#.utf8))
        #expect(decoded.commentPolicy == .verified)
        var settings = MunicipalitySettings()
        settings.commentPolicy = .signedIn
        let again = try JSONDecoder().decode(MunicipalitySettings.self, from: try JSONEncoder().encode(settings))
        #expect(again.commentPolicy == .signedIn)
    }

    // MARK: The text as HTML

    @Test func everythingIsEscapedAndLineBreaksBecomeBreaks() {
        #expect(CommentText.html("<script>alert('x')</script> & \"так\"\nдругий") ==
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;так&quot;<br>\nдругий")
    }

    @Test func anAddressBecomesALinkMarkedNofollowUgc() {
        #expect(CommentText.html("Див. https://vmr.gov.ua/projects?id=1&a=2 тут") ==
            #"Див. <a href="https://vmr.gov.ua/projects?id=1&amp;a=2" rel="nofollow ugc">https://vmr.gov.ua/projects?id=1&amp;a=2</a> тут"#)
        #expect(CommentText.html("HTTP://example.org") == #"<a href="HTTP://example.org" rel="nofollow ugc">HTTP://example.org</a>"#)
    }

    @Test func trailingPunctuationIsLeftOutOfTheLink() {
        #expect(CommentText.html("Тут: http://a.ua/x.") == #"Тут: <a href="http://a.ua/x" rel="nofollow ugc">http://a.ua/x</a>."#)
        #expect(CommentText.html("(див. https://a.ua/b), далі") == #"(див. <a href="https://a.ua/b" rel="nofollow ugc">https://a.ua/b</a>), далі"#)
        #expect(CommentText.html("https://uk.wikipedia.org/wiki/Вінниця_(місто)!") ==
            #"<a href="https://uk.wikipedia.org/wiki/Вінниця_(місто)" rel="nofollow ugc">https://uk.wikipedia.org/wiki/Вінниця_(місто)</a>!"#)
    }

    @Test func nothingButHttpAddressesBecomesALink() {
        for text in ["javascript:alert(1)", "ftp://a.ua", "xhttp://a.ua", "https://", "https://.", "data:text/html,<b>"] {
            #expect(!CommentText.html(text).contains("<a "), "\(text)")
        }
        // A quote cannot break out of the attribute: it ends the address.
        #expect(CommentText.html(#"https://a.ua/"onmouseover="x"#) == #"<a href="https://a.ua/" rel="nofollow ugc">https://a.ua/</a>&quot;onmouseover=&quot;x"#)
    }
}

import AsyncHTTPClient
import Foundation
import Testing
@testable import HromadaWeb

/// The ID.GOV.UA client's own rules, below the web layer: what it sends, and that whatever
/// bytes come back end in an identity or an `IDGovUAError`, never a crash.
@Suite struct IDGovUAClientTests {
    static func client(baseURL: String = "https://id.gov.ua/", authTypes: [String] = IDGovUASettings.defaultAuthTypes) -> IDGovUAClient {
        IDGovUAClient(
            configuration: IDGovUAConfiguration(
                baseURL: baseURL, clientID: "client & id", clientSecret: "secret", redirectURI: "https://hromada.test/auth/idgovua/callback",
                authTypes: authTypes),
            httpClient: HTTPClient.shared)
    }

    @Test func theAuthorizationURLCarriesWhatIDGovUAPublishesAndAFreshState() {
        let client = Self.client()
        let request = client.authorizationRequest()
        #expect(request.url.hasPrefix("https://id.gov.ua/?response_type=code&client_id=client%20%26%20id&auth_type="))
        let items = URLComponents(string: request.url)?.queryItems ?? []
        let query = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(query["auth_type"] == "dig_sign,bank_id,diia_id")
        #expect(query["state"] == request.state && request.state.utf8.count >= 43)
        #expect(query["redirect_uri"] == "https://hromada.test/auth/idgovua/callback")
        #expect(Set(query.keys) == ["response_type", "client_id", "auth_type", "state", "redirect_uri"])
        #expect(client.authorizationRequest().state != request.state)
    }

    @Test func aCallbackIsReadStateFirst() async {
        let client = Self.client()
        await #expect(throws: IDGovUAError.stateMismatch) {
            try await client.complete(state: "ours", callbackQuery: ["state": "theirs", "code": "c"])
        }
        await #expect(throws: IDGovUAError.stateMismatch) {
            try await client.complete(state: "ours", callbackQuery: ["code": "c", "error": "access_denied"])
        }
        await #expect(throws: IDGovUAError.refused("authorization: access_denied: declined")) {
            try await client.complete(state: "ours", callbackQuery: ["state": "ours", "error": "access_denied", "error_description": "declined"])
        }
        await #expect(throws: IDGovUAError.malformedAnswer("callback carries neither code nor error")) {
            try await client.complete(state: "ours", callbackQuery: ["state": "ours"])
        }
    }

    /// The client secret and access token travel in the query: never over plain HTTP to a
    /// host that is not this machine, whatever the configuration says.
    @Test func secretsAreNeverSentOverPlainHTTPBeyondLoopback() async {
        await #expect(throws: IDGovUAError.unavailable("the ID.GOV.UA address is not https")) {
            try await Self.client(baseURL: "http://id.gov.ua").complete(state: "s", callbackQuery: ["state": "s", "code": "c"])
        }
        #expect(IDGovUASettings.isAcceptableURL("https://id.gov.ua"))
        #expect(IDGovUASettings.isAcceptableURL("https://test.id.gov.ua/"))
        #expect(IDGovUASettings.isAcceptableURL("http://127.0.0.1:8089"))
        #expect(!IDGovUASettings.isAcceptableURL("http://id.gov.ua"))
        #expect(!IDGovUASettings.isAcceptableURL("https://id.gov.ua/?x=1"))
        #expect(!IDGovUASettings.isAcceptableURL("https://user:pass@id.gov.ua"))
        #expect(!IDGovUASettings.isAcceptableURL("id.gov.ua"))
        #expect(IDGovUASettings.isAcceptableAuthType("dig_sign") && !IDGovUASettings.isAcceptableAuthType("Dig Sign"))
        #expect(!IDGovUASettings.isAcceptableAuthType("") && !IDGovUASettings.isAcceptableAuthType("bank_id&x=1"))
    }

    // MARK: Answers

    static func token(_ json: String) throws(IDGovUAError) -> IDGovUAAnswers.Token {
        guard let object = IDGovUAAnswers.object(Array(json.utf8)) else { throw .malformedAnswer("not an object") }
        return try IDGovUAAnswers.token(object)
    }

    @Test func aTokenAnswerIsReadFieldByField() throws {
        let good = #"{"access_token":"abc","token_type":"bearer","expires_in":3600,"refresh_token":"r","user_id":"136"}"#
        #expect(try Self.token(good) == IDGovUAAnswers.Token(accessToken: "abc", userID: "136"))
        #expect(try Self.token(#"{"access_token":"abc","user_id":136,"expires_in":"3600"}"#).userID == "136")
        let broken = [
            #"{"user_id":"136"}"#,
            #"{"access_token":"","user_id":"136"}"#,
            #"{"access_token":"a b","user_id":"136"}"#,
            #"{"access_token":["abc"],"user_id":"136"}"#,
            #"{"access_token":"abc"}"#,
            #"{"access_token":"abc","user_id":-1}"#,
            #"{"access_token":"abc","user_id":1.5}"#,
            #"{"access_token":"abc","user_id":{"id":1}}"#,
            #"{"access_token":"abc","user_id":"1","token_type":"mac"}"#,
            #"{"access_token":"abc","user_id":"1","expires_in":0}"#,
            #"{"access_token":"abc","user_id":"1","expires_in":-5}"#,
            #"{"access_token":"abc","user_id":"1","expires_in":1e300}"#,
            #"{"access_token":"abc","user_id":"1","expires_in":99999999999999999999999}"#,
            #"{"access_token":"abc","user_id":"1","refresh_token":7}"#,
            "{\"access_token\":\"\(String(repeating: "a", count: 5000))\",\"user_id\":\"1\"}",
        ]
        for json in broken {
            #expect(throws: IDGovUAError.self, "\(json.prefix(80))") { try Self.token(json) }
        }
    }

    @Test func aRefusalIsReadFromAnyAnswerAndMadeSafeToLog() {
        func refusal(_ json: String) -> String? { IDGovUAAnswers.object(Array(json.utf8)).flatMap(IDGovUAAnswers.refusal(in:)) }
        #expect(refusal(#"{"error":"invalid_grant","error_description":"Code expired"}"#) == "invalid_grant: Code expired")
        #expect(refusal(#"{"error":401}"#) == "code 401")
        #expect(refusal(#"{"error":{"nested":true}}"#) == "error")
        #expect(refusal(#"{"error":null,"access_token":"a"}"#) == nil)
        #expect(refusal(#"{"error":"bad\nline","error_description":"for 0123456789, call 0441234567"}"#) == "bad line: for …, call …")
    }

    @Test func drfocodeIsAShortStringOrNothing() throws {
        func code(_ json: String) throws(IDGovUAError) -> String? {
            guard let object = IDGovUAAnswers.object(Array(json.utf8)) else { throw .malformedAnswer("not an object") }
            return try IDGovUAAnswers.drfoCode(object)
        }
        #expect(try code(#"{"drfocode":" 0123456789 "}"#) == "0123456789")
        #expect(try code(#"{"drfocode":""}"#) == nil)
        #expect(try code(#"{"drfocode":null}"#) == nil)
        #expect(try code(#"{"address":"м. Бар"}"#) == nil)
        #expect(throws: IDGovUAError.self) { try code(#"{"drfocode":123456789}"#) }
        #expect(throws: IDGovUAError.self) { try code(#"{"drfocode":["0123456789"]}"#) }
        #expect(throws: IDGovUAError.self) { try code("{\"drfocode\":\"\(String(repeating: "1", count: 65))\"}") }
    }

    /// Random bytes, truncations of a good answer, deep nesting and odd values: each is read
    /// as an answer or refused, and the process lives on.
    @Test func noBytesFromIDGovUACrashTheReader() {
        var generator = SeededGenerator(seed: 0x1D_60_0A)
        let good = Array(#"{"access_token":"abc","token_type":"bearer","expires_in":3600,"user_id":"136","drfocode":"0123456789"}"#.utf8)
        var bodies: [[UInt8]] = [[], Array("null".utf8), Array("[]".utf8), Array("\"x\"".utf8), Array("{".utf8)]
        bodies += (0..<good.count).map { Array(good.prefix($0)) }
        bodies += (0..<300).map { _ in (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        bodies += (0..<300).map { _ in
            var mutated = good
            for _ in 0..<3 { mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            return mutated
        }
        bodies.append(Array(String(repeating: "[", count: 200_000).utf8))
        bodies.append(Array(("{\"a\":" + String(repeating: "{\"a\":", count: 100_000)).utf8))
        bodies.append(Array(#"{"user_id":1e999999,"access_token":"\ud800"}"#.utf8))
        for body in bodies {
            guard let object = IDGovUAAnswers.object(body) else { continue }
            _ = IDGovUAAnswers.refusal(in: object)
            _ = try? IDGovUAAnswers.token(object)
            _ = try? IDGovUAAnswers.drfoCode(object)
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing body can be found again.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

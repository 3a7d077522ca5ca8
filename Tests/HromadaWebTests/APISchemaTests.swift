import Foundation
import Testing

/// The check every API test's answers go through must itself catch answers
/// the OpenAPI document does not allow.
@Suite struct APISchemaTests {
    private func problems(_ method: String, _ path: String, _ status: Int, _ body: String) -> [String] {
        APISchema.problems(method: method, path: path, status: status, body: Data(body.utf8))
    }

    @Test func anAnswerAsDocumentedPasses() {
        let me = #"{"account": {"id": "a", "email": "o@example.com", "fullName": "О", "language": "uk", "emailConfirmed": true, "platformAdmin": false}, "residencies": [], "roles": [], "oblastRoles": [{"oblast": "vinnytska", "role": "oblast_admin"}]}"#
        #expect(problems("GET", "/api/v1/me", 200, me).isEmpty, "\(problems("GET", "/api/v1/me", 200, me))")
        #expect(problems("GET", "/api/v1/me", 401, #"{"error": {"code": "not_signed_in", "message": "Увійдіть"}}"#).isEmpty)
    }

    @Test func anAnswerTheDocumentDoesNotAllowIsCaught() {
        // A required member missing, a value outside its enum, a wrong type.
        #expect(!problems("GET", "/api/v1/me", 200, #"{"account": {}, "residencies": [], "roles": []}"#).isEmpty)
        #expect(!problems("GET", "/api/v1/me", 200, #"{"account": {}, "residencies": [], "roles": [], "oblastRoles": [{"oblast": "v", "role": "mayor"}]}"#).isEmpty)
        #expect(!problems("GET", "/api/v1/me", 401, #"{"error": "not_signed_in"}"#).isEmpty)
        // A status the operation does not list, and a 5xx that is not the error shape.
        #expect(!problems("GET", "/api/v1/me", 418, "{}").isEmpty)
        #expect(!problems("GET", "/api/v1/municipalities", 500, "<html>").isEmpty)
    }

    @Test func anAddressTheDocumentDoesNotKnowIsLeftToTheTestThatAsksForIt() {
        #expect(problems("GET", "/api/v1/nowhere/at/all/x", 404, "nothing").isEmpty)
    }
}

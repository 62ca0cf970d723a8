import Foundation
import HTTP
@testable import Signaal
@testable import Storage
import Testing

/// Every error becomes an answer once, in one place: constraint violations by their kind, anything
/// unexpected as a 500 with a request id.
@Suite(.cleansUp)
struct ErrorMappingTests {
    func mapped(_ error: any Error) -> (status: Int, code: String, message: String, requestID: String?) {
        let answer = APIError.from(error, route: "GET /api/v1/test")
        return (answer.status.code, answer.code, answer.message, answer.headers["x-request-id"])
    }

    @Test func constraintViolations_haveDistinctCodes() {
        #expect(mapped(StorageError(code: StorageError.constraintUnique, message: "UNIQUE")).code == "already_exists")
        #expect(mapped(StorageError(code: StorageError.constraintPrimaryKey, message: "PK")).status == 409)
        #expect(mapped(StorageError(code: StorageError.constraintForeignKey, message: "FK")).code == "related_record_missing")
        let check = mapped(StorageError(code: StorageError.constraintCheck, message: "CHECK"))
        #expect(check.status == 422 && check.code == "invalid_value")
        #expect(mapped(StorageError(code: StorageError.constraintTrigger, message: "headcount is at least 1")).code == "invalid_value")
        #expect(mapped(StorageError(code: StorageError.constraintNotNull, message: "NOT NULL")).code == "invalid_value")
    }

    @Test func unexpectedErrors_are500WithARequestID_andSayNothingElse() throws {
        struct Surprise: Error { let secret = "password=hunter2" }
        let answer = mapped(Surprise())
        #expect(answer.status == 500)
        #expect(answer.code == "internal_error")
        let id = try #require(answer.requestID)
        #expect(id.count == 12)
        #expect(answer.message.contains("request \(id)"))
        #expect(!answer.message.contains("hunter2"))
        // API errors pass through unchanged.
        #expect(mapped(APIError.notFound()).code == "not_found")
    }
}

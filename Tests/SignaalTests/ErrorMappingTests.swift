import Foundation
import HTTP
import Learning
import Security
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

    /// Each feature's refusals reach the API with their own status and code, none as a 500.
    @Test func domainErrors_haveTheirStatusAndCode() {
        let cases: [(any Error, Int, String)] = [
            (InviteRefusal.unknown, 404, "invite_invalid"), (InviteRefusal.alreadyJoined, 409, "invite_already_used"),
            (HeadcountRefusal.nothingPending, 409, "no_headcount_change_pending"), (HeadcountRefusal.changed(current: 8, expected: 10), 409, "headcount_changed"),
            (AttemptRefusal.unknown, 404, "not_found"), (AttemptRefusal.alreadySubmitted, 409, "attempt_already_submitted"),
            (AttemptRefusal.expired, 410, "attempt_expired"), (AttemptRules.SubmissionError.tooManyOptions(question: "q1"), 422, "too_many_options"),
            (CertificateRefusal.businessNotApproved, 409, "business_not_approved"), (CertificateRefusal.notEligible, 409, "not_eligible"),
            (CertificateRefusal.notRevocable, 409, "not_revocable"), (CertificateRefusal.unknownBusiness, 404, "not_found"),
            (SignInRefusal.wrongCredentials, 401, "invalid_credentials"), (SignInRefusal.tooManyFailures(retryAfter: 30), 429, "too_many_attempts"),
            (SignInRefusal.setupLinkInvalid, 404, "setup_link_invalid"), (NotOnRoster(), 404, "not_found"), (UnknownBusiness(), 404, "not_found"),
            (PasswordPolicy.Problem.tooPersonal, 422, "weak_password"), (CourseRefusal.notOnRoster, 404, "not_found"),
            (CourseRefusal.unknownModule("m"), 404, "not_found"), (CourseRefusal.roleAlreadySet, 409, "role_already_set"),
            (CourseRefusal.lessonsUnread(module: "m", lessons: ["l1"]), 409, "lessons_unread"),
        ]
        for (error, status, code) in cases {
            let answer = mapped(error)
            #expect(answer.status == status && answer.code == code, "\(error): \(answer.status) \(answer.code)")
        }
        #expect(APIError.from(SignInRefusal.tooManyFailures(retryAfter: 30), route: "POST /api/v1/session").headers["retry-after"] == "30")
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

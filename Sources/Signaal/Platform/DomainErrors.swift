import HTTP
import Learning
import Security

// How the API answers each feature's domain errors: status, code and words, in this one place. Stores
// and services throw these; `APIError.from` passes them on as they are.

extension InviteRefusal: HTTPResponseError {
    var status: HTTPStatus {
        switch self {
        case .unknown: .notFound
        case .alreadyJoined: .conflict
        case .passwordNeeded: .unprocessableContent
        }
    }
    var code: String {
        switch self {
        case .unknown: "invite_invalid"
        case .alreadyJoined: "invite_already_used"
        case .passwordNeeded: "weak_password"
        }
    }
    var message: String {
        switch self {
        case .unknown: "This invite link is unknown or has been replaced by a newer one."
        case .alreadyJoined: "You have already joined. Sign in with your password or your personal link."
        case .passwordNeeded: "A manager joins by choosing a password of at least 10 characters."
        }
    }
}

extension ManagerRefusal: HTTPResponseError {
    var status: HTTPStatus { self == .unknown ? .notFound : .conflict }
    var code: String {
        switch self {
        case .unknown: "not_found"
        case .lastManager: "last_manager"
        }
    }
    var message: String {
        switch self {
        case .unknown: "No such manager of this business."
        case .lastManager: "A business keeps at least one manager who has joined. Invite another manager first."
        }
    }
}

extension HeadcountRefusal: HTTPResponseError {
    var status: HTTPStatus { .conflict }
    var code: String {
        switch self {
        case .nothingPending: "no_headcount_change_pending"
        case .changed: "headcount_changed"
        }
    }
    var message: String {
        switch self {
        case .nothingPending: "This business has no headcount change waiting for a decision."
        case .changed(let current, let expected): "The declared headcount is now \(current), not \(expected). Check it before approving."
        }
    }
}

extension AttemptRefusal: HTTPResponseError {
    var status: HTTPStatus {
        switch self {
        case .unknown: .notFound
        case .alreadySubmitted: .conflict
        case .expired: .gone
        }
    }
    var code: String {
        switch self {
        case .unknown: "not_found"
        case .alreadySubmitted: "attempt_already_submitted"
        case .expired: "attempt_expired"
        }
    }
    var message: String {
        switch self {
        case .unknown: "No attempt with this id."
        case .alreadySubmitted: "This attempt has already been submitted."
        case .expired: "This attempt has expired. Start a new one."
        }
    }
}

extension AttemptRules.SubmissionError: HTTPResponseError {
    public var status: HTTPStatus { .unprocessableContent }
    public var code: String {
        switch self {
        case .questionNotServed: "question_not_served"
        case .optionNotServed: "option_not_served"
        case .tooManyOptions: "too_many_options"
        }
    }
    public var message: String {
        switch self {
        case .questionNotServed(let question): "Question '\(question)' was not part of this attempt."
        case .optionNotServed(let question, let option): "Option '\(option)' was not offered for question '\(question)'."
        case .tooManyOptions(let question): "Question '\(question)' takes one answer."
        }
    }
}

extension CertificateRefusal: HTTPResponseError {
    var status: HTTPStatus { self == .unknownBusiness ? .notFound : .conflict }
    var code: String {
        switch self {
        case .unknownBusiness: "not_found"
        case .businessNotApproved: "business_not_approved"
        case .notEligible: "not_eligible"
        case .notRevocable: "not_revocable"
        }
    }
    var message: String {
        switch self {
        case .unknownBusiness: "No business with this id."
        case .businessNotApproved: "Approve the business before issuing its certificate."
        case .notEligible: "The business does not meet the rule yet, or its certificate is not due for renewal."
        case .notRevocable: "No live certificate has this code (unknown or already revoked)."
        }
    }
}

extension UnknownBusiness: HTTPResponseError {
    var status: HTTPStatus { .notFound }
    var code: String { "not_found" }
    var message: String { "No business with this id." }
}

extension PasswordPolicy.Problem: HTTPResponseError {
    public var status: HTTPStatus { .unprocessableContent }
    public var code: String { "weak_password" }
}

extension SignInRefusal: HTTPResponseError {
    var status: HTTPStatus {
        switch self {
        case .wrongCredentials: .unauthorized
        case .tooManyFailures: .tooManyRequests
        case .setupLinkInvalid: .notFound
        }
    }
    var code: String {
        switch self {
        case .wrongCredentials: "invalid_credentials"
        case .tooManyFailures: "too_many_attempts"
        case .setupLinkInvalid: "setup_link_invalid"
        }
    }
    var message: String {
        switch self {
        case .wrongCredentials: "The email address, username or password is not right."
        case .tooManyFailures(let seconds): "Too many failed attempts. Try again in \(seconds) seconds."
        case .setupLinkInvalid: "This setup link is unknown, used or expired."
        }
    }
    var headers: HTTPHeaders {
        guard case .tooManyFailures(let seconds) = self else { return [:] }
        return ["retry-after": String(seconds)]
    }
}

extension PossibleDuplicate: HTTPResponseError, DetailedError {
    var status: HTTPStatus { .conflict }
    var code: String { "possible_duplicate" }
    var message: String { "Someone called \(name) is already on the roster. If this is another person, add them with allowDuplicate: true." }
    var details: [(name: String, value: APIError.Detail)] { [("existingId", .text(existingID))] }
}

extension NotOnRoster: HTTPResponseError {
    var status: HTTPStatus { .notFound }
    var code: String { "not_found" }
    var message: String { "No such person on this roster." }
}

extension CourseRefusal: HTTPResponseError {
    var status: HTTPStatus {
        switch self {
        case .notOnRoster, .unknownModule, .unknownLesson: .notFound
        case .lessonsUnread, .roleAlreadySet: .conflict
        }
    }
    var code: String {
        switch self {
        case .notOnRoster, .unknownModule, .unknownLesson: "not_found"
        case .lessonsUnread: "lessons_unread"
        case .roleAlreadySet: "role_already_set"
        }
    }
    var message: String {
        switch self {
        case .notOnRoster: "You are not on a business's roster."
        case .unknownModule(let module): "Your course has no module '\(module)'."
        case .unknownLesson(let module, let lesson): "Module '\(module)' has no lesson '\(lesson)'."
        case .lessonsUnread: "Read every lesson of this module before you start the quiz."
        case .roleAlreadySet: "Your job is already set. Ask your manager to change it."
        }
    }
}

extension CourseRefusal: DetailedError {
    /// For unread lessons, the module and the lessons to read, first one first, so the page can go there.
    var details: [(name: String, value: APIError.Detail)] {
        guard case .lessonsUnread(let module, let lessons) = self else { return [] }
        return [("moduleId", .text(module)), ("lessons", .list(lessons))]
    }
}

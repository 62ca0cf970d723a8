import Foundation

/// How long completions count, and which course versions still count.
public struct CompletionPolicy: Sendable {
    /// Months a module pass and a course completion stay valid. The default is 24.
    public var validityMonths = 24

    public init(validityMonths: Int = 24) {
        self.validityMonths = validityMonths
    }

    /// The moment a completion made at `date` stops counting: the same UTC day and time,
    /// `validityMonths` later (the 31st rolls over into the next month, as `timegm` normalises).
    public func validUntil(_ date: Date) -> Date {
        let whole = date.timeIntervalSince1970.rounded(.down)
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        parts.tm_mon += Int32(validityMonths)
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + (date.timeIntervalSince1970 - whole))
    }

    /// The earliest completion moment that still counts at `now` (for range queries).
    public func validFrom(_ now: Date) -> Date {
        let whole = now.timeIntervalSince1970.rounded(.down)
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        parts.tm_mon -= Int32(validityMonths)
        var candidate = Date(timeIntervalSince1970: Double(timegm(&parts)) + (now.timeIntervalSince1970 - whole))
        // Month ends do not subtract evenly; step forward to the first moment that is still valid.
        while !isValid(completedAt: candidate, now: now) { candidate = candidate.addingTimeInterval(86_400) }
        return candidate
    }

    public func isValid(completedAt date: Date, now: Date) -> Bool {
        now < validUntil(date)
    }

    /// Whether a completion of `courseVersion` still counts for `course` (not made obsolete by `retrainFrom`).
    public func versionCounts(_ courseVersion: Int, for course: Course) -> Bool {
        courseVersion >= (course.retrainFrom ?? 0)
    }

    /// Whether a completion still counts: recent enough and of a version that needs no re-training.
    public func counts(completedAt date: Date, courseVersion: Int, course: Course, now: Date) -> Bool {
        isValid(completedAt: date, now: now) && versionCounts(courseVersion, for: course)
    }
}

/// A learner's state in one module.
public enum ModuleStatus: Sendable, Equatable {
    case notStarted
    case inProgress
    case passed(at: Date, validUntil: Date)
    case expired(passedAt: Date)

    /// The API's name for the state.
    public var name: String {
        switch self {
        case .notStarted: "not_started"
        case .inProgress: "in_progress"
        case .passed: "passed"
        case .expired: "expired"
        }
    }

    /// - Parameters:
    ///   - lastPass: the latest pass of this module, if any.
    ///   - hasActivity: whether the learner opened a lesson or started an attempt.
    public static func of(lastPass: Date?, hasActivity: Bool, policy: CompletionPolicy, now: Date) -> ModuleStatus {
        if let lastPass {
            return policy.isValid(completedAt: lastPass, now: now)
                ? .passed(at: lastPass, validUntil: policy.validUntil(lastPass)) : .expired(passedAt: lastPass)
        }
        return hasActivity ? .inProgress : .notStarted
    }
}

extension Catalog {
    /// Whether every required module of the person's path (core, sector and their role's module) has a
    /// valid pass, given each module's latest pass. A course with role modules is not complete while the
    /// person's role is unknown.
    public func courseIsComplete(for sector: Sector, role: JobRole?, lastPasses: [String: Date], policy: CompletionPolicy, now: Date) -> Bool {
        guard !needsRole(for: sector, role: role) else { return false }
        let required = path(for: sector, role: role).filter(\.isRequired)
        return !required.isEmpty && required.allSatisfy { module in
            lastPasses[module.id].map { policy.isValid(completedAt: $0, now: now) } ?? false
        }
    }
}

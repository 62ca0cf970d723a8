import Foundation
import Learning

/// Why a learner's request about their course was refused.
enum CourseRefusal: Error, Equatable {
    /// The person is on no business's roster (an admin, or someone erased).
    case notOnRoster
    /// The module is not in the person's course (another sector's or another job's).
    case unknownModule(String)
    case unknownLesson(module: String, lesson: String)
    /// The quiz starts after every lesson has been read: these, first one first.
    case lessonsUnread(module: String, lessons: [String])
    /// The person chose their job before; the manager changes it now.
    case roleAlreadySet
}

/// A learner's course: which modules are theirs, what they read, starting and submitting quizzes (with
/// automatic issuing when a completion makes the rule hold) and choosing their job once.
struct CourseService: Sendable {
    let catalog: Catalog
    let store: LearningStore
    let policy: CompletionPolicy
    let attemptLifetime: TimeInterval
    let issuer: CertificateIssuer
    let now: @Sendable () -> Date

    /// Where the person stands: their business, sector, job, readings, passes and completion.
    func snapshot(of userID: String) async throws -> LearningStore.LearnerSnapshot {
        guard let snapshot = try await store.snapshot(userID: userID) else { throw CourseRefusal.notOnRoster }
        return snapshot
    }

    /// The module `id` of the person's own course, with their snapshot.
    func module(_ id: String, for userID: String) async throws -> (LearningStore.LearnerSnapshot, Module) {
        let snapshot = try await snapshot(of: userID)
        guard let module = catalog.path(for: snapshot.sector, role: snapshot.role).first(where: { $0.id == id }) else {
            throw CourseRefusal.unknownModule(id)
        }
        return (snapshot, module)
    }

    func markSeen(lesson: String, of moduleID: String, by userID: String) async throws {
        let (_, module) = try await module(moduleID, for: userID)
        guard module.lessonIDs.contains(lesson) else { throw CourseRefusal.unknownLesson(module: module.id, lesson: lesson) }
        try await store.markSeen(userID: userID, moduleID: module.id, lessonID: lesson, now: now())
    }

    /// The person's open attempt of the module, or a new one once every lesson is read.
    func startAttempt(of module: Module, by userID: String, language: String) async throws -> LearningStore.StartedAttempt {
        do {
            return try await store.startAttempt(userID: userID, module: module, language: language, now: now(), lifetime: attemptLifetime)
        } catch LearningStore.StartRefusal.lessonsUnread(let lessons) {
            throw CourseRefusal.lessonsUnread(module: module.id, lessons: lessons)
        }
    }

    /// The person says which job they do, once: the course then holds that role's module. Changing it
    /// later is the manager's (the roster), so nobody swaps to an easier path alone.
    func chooseRole(_ role: JobRole, for userID: String) async throws {
        let snapshot = try await snapshot(of: userID)
        guard try await store.chooseRole(userID: userID, role: role, offered: catalog.roles(for: snapshot.sector), now: now()) else {
            throw CourseRefusal.roleAlreadySet
        }
    }

    /// The jobs the person's course has a role module for.
    func roles(for userID: String) async throws -> [JobRole] {
        catalog.roles(for: try await snapshot(of: userID).sector)
    }

    /// Scores the attempt once; a pass may complete the course and issue the business's certificate.
    func submit(attempt attemptID: String, by userID: String, answers: [String: [String]]) async throws -> LearningStore.Submission {
        try await store.submit(attemptID: attemptID, userID: userID, answers: answers, catalog: catalog, policy: policy, now: now(), issuer: issuer)
    }
}

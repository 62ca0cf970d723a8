import Foundation
import Security

/// Why a sign-in or the first admin's setup was refused.
enum SignInRefusal: Error, Equatable {
    /// Unknown login or wrong password: the same answer, at the same cost.
    case wrongCredentials
    /// Too many failures for this account from this address, or from this address: wait this many seconds.
    case tooManyFailures(retryAfter: Int)
    /// The setup link is unknown, used or expired.
    case setupLinkInvalid
}

/// Who may sign in: the password check at the same cost for unknown logins, the per-address limits and
/// the per-account slow-down, and the first admin's one-time setup.
struct SignInService: Sendable {
    let store: AccountStore
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let now: @Sendable () -> Date
    /// What an unknown login is checked against, so it costs the same yescrypt verification as a
    /// wrong password (same cost settings as our hashes). Its password was random and is not kept.
    private static let dummyHash = "$y$j9T$PT8HB1sPHt8cyyQ8EvaG61$QPk4ck6V/i1N/.NJlFxN3JV/c/k3nMCwcIm4brUm6SD"

    /// The account for `login` (an email address or username) and `password` from client `address`.
    func verify(login: String, password: String, address: String) async throws -> Account {
        let login = login.trimmingCharacters(in: .whitespacesAndNewlines)
        let current = now()
        if let wait = throttle.retryAfter(account: login, address: address, now: current) { throw SignInRefusal.tooManyFailures(retryAfter: wait) }
        let wait = throttle.wait(account: login, now: current)
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        let found = login.isEmpty ? nil : try await store.account(login: login)
        let verified: Bool
        if let found, let hash = found.passwordHash {
            verified = await hasher.verify(password, against: hash)
        } else {
            _ = await hasher.verify(password, against: Self.dummyHash)
            verified = false
        }
        guard verified, let account = found?.account else {
            throttle.recordFailure(account: login, address: address, now: current)
            throw SignInRefusal.wrongCredentials
        }
        throttle.recordSuccess(account: login, address: address)
        return account
    }

    /// Creates the first admin with the one-time setup token. - Throws: `PasswordPolicy.Problem`,
    /// `SignInRefusal.setupLinkInvalid`.
    func setUpFirstAdmin(token text: String, name: String, email: String, password: String) async throws -> Account {
        if let problem = PasswordPolicy.problem(with: password, personal: [email, name]) { throw problem }
        guard let token = SecretToken(text: text) else { throw SignInRefusal.setupLinkInvalid }
        let hash = try await hasher.hash(password)
        guard let admin = try await store.completeSetup(tokenHash: token.hash, name: name, email: email, passwordHash: hash, now: now()) else {
            throw SignInRefusal.setupLinkInvalid
        }
        return admin
    }
}

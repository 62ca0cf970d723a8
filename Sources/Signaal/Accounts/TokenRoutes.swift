import Foundation
import HTTP
import Security

/// Admin-managed API tokens for integrations (`Authorization: Bearer`): create, list, revoke.
struct TokenRoutes: Sendable {
    let store: AccountStore
    let now: @Sendable () -> Date

    struct CreateRequest: Decodable {
        let name: String
    }

    struct Tokens: Codable {
        let tokens: [AccountStore.APIToken]
    }

    struct Created: Codable {
        let id: String
        let name: String
        let createdAt: Date
        /// Shown once; only its hash is stored.
        let token: String
    }

    func createToken(_ context: RequestContext, _ body: CreateRequest) async throws -> Reply<Created> {
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else { throw APIError.unprocessable("invalid_name", "Give the token a name of 1 to 100 characters.") }
        let secret = SecretToken()
        let token = try await store.createAPIToken(tokenHash: secret.hash, name: name, createdBy: try context.signedIn.account.id, now: now())
        return Reply(Created(id: token.id, name: token.name, createdAt: token.createdAt, token: secret.text), headers: ["cache-control": "no-store"])
    }

    func listTokens(_ context: RequestContext) async throws -> Reply<Tokens> {
        Reply(Tokens(tokens: try await store.apiTokens()))
    }

    func revokeToken(_ context: RequestContext, _ body: NoBody) async throws -> HTTPHeaders {
        guard try await store.revokeAPIToken(id: context.request.parameters["id"] ?? "", now: now()) else {
            throw APIError.notFound("No live API token has this id.")
        }
        return [:]
    }

}

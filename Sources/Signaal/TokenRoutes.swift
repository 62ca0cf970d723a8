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

    struct Created: Encodable {
        let id: String
        let name: String
        let createdAt: Date
        /// Shown once; only its hash is stored.
        let token: String
    }

    func register(in routes: inout APIRoutes) {
        routes.add(.post, "/api/v1/admin/tokens", access: .roles([.admin])) { context in
            let body = try JSONBody.decode(CreateRequest.self, from: context.request)
            let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 100 else { throw APIError.unprocessable("invalid_name", "Give the token a name of 1 to 100 characters.") }
            let secret = SecretToken()
            let token = try await store.createAPIToken(tokenHash: secret.hash, name: name, createdBy: try context.signedIn.account.id, now: now())
            var response = try JSONBody.response(Created(id: token.id, name: token.name, createdAt: token.createdAt, token: secret.text), status: .created)
            response.headers.add(name: "cache-control", value: "no-store")
            return response
        }
        routes.add(.get, "/api/v1/admin/tokens", access: .roles([.admin])) { _ in
            try JSONBody.response(["tokens": try await store.apiTokens()])
        }
        routes.add(.delete, "/api/v1/admin/tokens/{id}", access: .roles([.admin])) { context in
            guard try await store.revokeAPIToken(id: context.request.parameters["id"] ?? "", now: now()) else {
                throw APIError.notFound("No live API token has this id.")
            }
            return HTTPResponse(status: .noContent)
        }
    }
}

import HTTP
import Learning
import Security

extension AppServices {
    /// The job roles the business's course has a module for.
    func offeredRoles(_ businessID: String) async throws -> [JobRole] {
        guard let found = try await businesses.business(id: businessID) else { throw APIError.notFound("No business with this id.") }
        return catalog.roles(for: found.sector)
    }

    /// A person's personal link (to join, and later to sign in).
    func inviteURL(_ invite: SecretToken, _ request: HTTPRequest) -> String {
        baseURL(for: request) + "/join/" + invite.text
    }
}

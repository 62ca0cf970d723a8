import HTTP
import Security

extension AppServices {
    /// A person's personal link (to join, and later to sign in).
    func inviteURL(_ invite: SecretToken, _ request: HTTPRequest) -> String {
        baseURL(for: request) + "/join/" + invite.text
    }
}

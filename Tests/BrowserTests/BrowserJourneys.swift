import Testing

/// Every browser suite, one test at a time: each journey starts its own server, chromedriver and
/// Chromium sessions, which on a two-core machine should not compete with each other.
@Suite(.serialized)
enum BrowserJourneys {}

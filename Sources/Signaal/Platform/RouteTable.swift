import HTTP
import Learning

/// The handlers of every feature, for the route table.
struct RouteHandlers: Sendable {
    let sessions: SessionRoutes
    let tokens: TokenRoutes
    let invites: InviteRoutes
    let learning: LearningRoutes
    let moduleStatistics: ModuleStatisticsRoutes
    let businesses: BusinessRoutes
    let admin: AdminRoutes
    let managers: ManagerRoutes
    let xapi: XAPIRoutes
    let reminders: ReminderRoutes
    let roster: RosterRoutes
    let rosterFiles: RosterImportRoutes
    let certificates: CertificateRoutes
    let badges: BadgeRoutes
    let documents: DocumentRoutes
    let qr: QRRoutes
}

/// The handlers of the pages and files outside the API.
struct PageHandlers: Sendable {
    let system: SystemRoutes
    let languages: InterfaceStrings
    let shell: AppShell
    let verify: VerifyPage
    let documents: DocumentRoutes
    let badges: BadgeRoutes
}

/// Every API route, top to bottom: method, path, who may call it, what it takes and answers, what it
/// does (the OpenAPI summary), and its handler. The OpenAPI document is built from these lines.
enum RouteTable {
    /// Pages and files outside the API: public, or checked inside (`/metrics`).
    static func register(in router: inout Router, _ p: PageHandlers) {
        router.add(.get, "/health", handler: p.system.health)
        router.add(.get, "/metrics", handler: p.system.metricsText)
        router.add(.get, "/i18n/languages.json", handler: p.languages.list)
        router.add(.get, "/setup/{token}", hidesPathInLog: true, handler: p.shell.page)
        router.add(.get, "/join/{token}", hidesPathInLog: true, handler: p.shell.page)
        router.add(.get, "/s/{code}", handler: p.shell.page)
        router.add(.get, "/verify/{code}", handler: p.verify.verify)
        router.add(.get, "/certificates/{code}", handler: p.documents.certificatePDF)  // {code}.pdf
        router.add(.get, "/certificates/{code}/sticker.pdf", handler: p.documents.stickerPDF)
        router.add(.get, "/certificates/{code}/badge.svg", handler: p.badges.websiteBadge)
        router.fallback = p.shell.file
    }

    static func register(in api: inout APIRoutes, _ f: RouteHandlers) {
        api.json(.post, "/api/v1/session", access: .anyone, body: SessionRoutes.LoginRequest.self, answers: SignedIn.self, "Sign in with {email, password} (email or username); sets the session cookie and returns user, role and CSRF token.", errors: [.unauthorized, .tooManyRequests],
                handler: f.sessions.signIn)
        api.empty(.delete, "/api/v1/session", access: .signedIn, "Sign out.",
                handler: f.sessions.signOut)
        api.json(.get, "/api/v1/me", access: .signedIn, answers: SessionRoutes.Me.self, "Who am I: user, role, business and CSRF token.",
                handler: f.sessions.me)
        api.json(.get, "/api/v1/session", access: .anyone, answers: SessionRoutes.SessionState.self, "Whether this browser is signed in: {signedIn:false}, or the user, role and CSRF token.",
                handler: f.sessions.sessionState)
        api.json(.post, "/api/v1/setup", access: .anyone, body: SessionRoutes.SetupRequest.self, answers: SignedIn.self, "Create the first admin with the one-time setup token {token, name, email, password}.", status: .created, errors: [.notFound],
                handler: f.sessions.setUpFirstAdmin)
        api.json(.post, "/api/v1/admin/tokens", access: .roles([.admin]), body: TokenRoutes.CreateRequest.self, answers: TokenRoutes.Created.self, "Create a bearer token for an integration; shown once.", status: .created,
                handler: f.tokens.createToken)
        api.json(.get, "/api/v1/admin/tokens", access: .roles([.admin]), answers: TokenRoutes.Tokens.self, "The bearer tokens, without their secrets.",
                handler: f.tokens.listTokens)
        api.empty(.delete, "/api/v1/admin/tokens/{id}", access: .roles([.admin]), "Revoke a bearer token.",
                handler: f.tokens.revokeToken)
        api.json(.post, "/api/v1/invites/{token}", access: .anyone, body: InviteRoutes.JoinRequest.self, answers: SignedIn.self, "Join with a personal link {password?}; answers like a sign-in, with a username for staff without email.", errors: [.conflict], hidesPathInLog: true,
                handler: f.invites.joinByInvite)
        api.empty(.put, "/api/v1/me/language", access: .signedIn, body: SessionRoutes.LanguageChoiceRequest.self,
                  "Keep my interface `{language}` on my account, so it follows me to another phone.", handler: f.sessions.setLanguage)
        api.json(.get, "/api/v1/me/export", access: .signedIn, answers: PersonalData.self, "Everything stored about me, as JSON.",
                handler: f.invites.exportMyData)
        api.json(.get, "/api/v1/admin/audit", access: .roles([.admin]), answers: InviteRoutes.AuditPage.self, "The audit log, newest first, paged with `before`.",
                handler: f.invites.auditPage)
        api.json(.get, "/api/v1/course", access: LearningRoutes.learners, answers: CourseView.self, "My sector's course: modules with my status, minutes and my course completion.", errors: [.notFound],
                handler: f.learning.courseView)
        api.json(.get, "/api/v1/modules/{id}", access: LearningRoutes.learners, answers: ModuleView.self, "A module's lessons in `lang`, with where to resume.",
                handler: f.learning.moduleView)
        api.document(.get, "/api/v1/modules/{id}/images/{name}", access: .signedIn, produces: "image/*", "An image from the module's folder.", also: [.notModified],
                handler: f.learning.moduleImage)
        api.empty(.post, "/api/v1/modules/{id}/lessons/{lessonId}/seen", access: LearningRoutes.learners, "Remember that I read this lesson.",
                handler: f.learning.markLessonSeen)
        api.json(.post, "/api/v1/modules/{id}/attempts", access: LearningRoutes.learners, answers: AttemptView.self, "Start a quiz attempt: the drawn questions, without answers (200 with `resumed` for the open attempt). 409 `lessons_unread` names the lessons to read first.", status: .created, also: [.ok], errors: [.conflict],
                handler: f.learning.startQuiz)
        api.empty(.put, "/api/v1/me/role", access: LearningRoutes.learners, body: LearningRoutes.RoleChoice.self, "Say which job I do `{role}` (once; the course then holds that job's role module). 409 when already set.", errors: [.notFound, .conflict],
                handler: f.learning.chooseMyRole)
        api.json(.post, "/api/v1/attempts/{id}/answers", access: LearningRoutes.learners, body: LearningRoutes.AnswersRequest.self, answers: ResultView.self, "Submit {answers:{questionId:[optionLabel]}} once: score, passed and every explanation.", errors: [.conflict, .gone],
                handler: f.learning.submitAnswers)
        api.json(.get, "/api/v1/admin/modules", access: .roles([.admin]), answers: ModuleStatisticsRoutes.Modules.self, "Modules with versions, pass rates and per-option answer counts, most-missed questions first.",
                handler: f.moduleStatistics.moduleStatistics)
        api.json(.post, "/api/v1/businesses", access: .anyone, body: BusinessRoutes.Registration.self, answers: BusinessRoutes.Received.self, "Register a business with its first manager {name, sector, city, kvk, headcount, manager:{name, email, password}}. Answers 202 whether or not the email address already has an account; sign in next.", status: .accepted, errors: [.tooManyRequests],
                handler: f.businesses.registerBusiness)
        api.json(.get, "/api/v1/businesses/{id}", access: .roles([.manager, .admin]), answers: BusinessRoutes.BusinessView.self, "The business, its progress towards the threshold, its certificate and any warning.",
                handler: f.businesses.businessView)
        api.json(.patch, "/api/v1/businesses/{id}", access: .roles([.manager, .admin]), body: BusinessRoutes.Update.self, answers: BusinessRoutes.BusinessView.self, "Change name, city or declared headcount.",
                handler: f.businesses.updateBusiness)
        api.json(.get, "/api/v1/businesses/{id}/progress", access: .roles([.manager, .admin]), answers: CertificationPolicy.Progress.self, "{denominator, declaredHeadcount, activeEmployees, completed, percent, threshold, eligible, needed}.",
                handler: f.businesses.businessProgress)
        api.json(.post, "/api/v1/admin/businesses/{id}/headcount-change", access: .roles([.admin]), body: BusinessRoutes.HeadcountDecision.self, answers: BusinessRoutes.BusinessView.self, "Confirm or reject a manager's lowered headcount `{decision: confirm | reject}`; audited.", errors: [.conflict],
                handler: f.businesses.decideHeadcountChange)
        api.json(.post, "/api/v1/admin/businesses/{id}/approve", access: .roles([.admin]), body: BusinessRoutes.Approval.self, answers: BusinessRoutes.BusinessView.self, "Approve a pending business `{headcount?}` (the headcount the admin saw: 409 `headcount_changed` when it differs); issues its certificate when it already qualifies.", errors: [.conflict],
                handler: f.businesses.approveBusiness)
        api.json(.post, "/api/v1/admin/businesses", access: .roles([.admin]), body: ManagerRoutes.AdminRegistration.self, answers: ManagerRoutes.Registered.self,
                 "Register a business for someone who phoned in {name, sector, city, kvk, headcount, manager:{name, email}}: approved at once; returns the first manager's invite link (one use).",
                 status: .created, errors: [.conflict], handler: f.managers.registerByAdmin)
        api.json(.get, "/api/v1/businesses/{id}/reminders", access: .roles([.manager, .admin]), answers: ReminderRoutes.Reminders.self,
                 "The people who should act now (not started, not finished, completion expiring within 60 days), each with their own link and when they were last reminded; and how many were reminded this month.",
                 handler: f.reminders.reminders)
        api.json(.post, "/api/v1/businesses/{id}/reminders", access: .roles([.manager, .admin]), body: ReminderRoutes.Recorded.self,
                 answers: ReminderRoutes.RecordedAnswer.self, "Record that these people `{ids}` were reminded now (shared or printed).",
                 handler: f.reminders.record)
        api.document(.get, "/api/v1/businesses/{id}/reminders/slips.pdf", access: .roles([.manager, .admin]), produces: "application/pdf",
                     "Cut-out reminder slips, 8 to an A4 page (`ids` picks people; default everyone on the list); printing them records the reminders.",
                     handler: f.reminders.slips)
        api.json(.get, "/api/v1/xapi/statements", access: .roles([.admin]), answers: XAPIRoutes.StatementResult.self,
                 "Module passes and course completions as xAPI 1.0.3 statements, oldest first: `since` (RFC 3339), `limit` (default 100), and `more`, the next page's address (empty at the end).",
                 handler: f.xapi.statementResult)
        api.json(.put, "/api/v1/me/roster", access: .roles([.manager]), body: ManagerRoutes.RosterPlace.self, answers: ManagerRoutes.RosterPlace.self,
                 "A manager who works in the business puts themselves on its roster `{onRoster: true}` (they take the course and count) or off it.",
                 handler: f.managers.setOwnRosterPlace)
        api.json(.get, "/api/v1/businesses/{id}/managers", access: .roles([.manager, .admin]), answers: ManagerRoutes.Managers.self,
                 "The business's managers and whether each has joined.", handler: f.managers.managers)
        api.json(.post, "/api/v1/businesses/{id}/managers", access: .roles([.manager, .admin]), body: ManagerRoutes.NewManager.self, answers: ManagerRoutes.Invited.self,
                 "Invite another manager {name, email}; returns their invite link (one use: it sets their password).", status: .created,
                 errors: [.conflict], handler: f.managers.inviteManager)
        api.empty(.delete, "/api/v1/businesses/{id}/managers/{managerId}", access: .roles([.manager, .admin]),
                  "Remove a manager (their sessions and link stop working); never the last one who has joined (409 last_manager).",
                  errors: [.conflict], handler: f.managers.removeManager)
        api.json(.get, "/api/v1/admin/businesses", access: .roles([.admin]), answers: AdminRoutes.Page.self, "Businesses with progress; filters sector, city, status, headcount, eligible, certificate; paged by limit and offset.",
                handler: f.admin.businessList)
        api.json(.get, "/api/v1/admin/stats", access: .roles([.admin]), answers: AdminFigures.Statistics.self, "National figures: businesses and certified businesses per sector, staff trained, completions per month.",
                handler: f.admin.nationalFigures)
        api.json(.get, "/api/v1/admin/integrity", access: .roles([.admin]), answers: AuditMonitor.Status.self, "Whether the audit chain and the certificates agree, as last checked: `{ok, entries, problems, checkedAt}`.",
                handler: f.admin.integrity)
        api.json(.get, "/api/v1/businesses/{id}/employees", access: .roles([.manager, .admin]), answers: RosterRoutes.Roster.self, "The roster with each person's progress; `q` searches names, `status` filters.",
                handler: f.roster.roster)
        api.json(.post, "/api/v1/businesses/{id}/employees", access: .roles([.manager]), body: RosterRoutes.NewEmployee.self, answers: RosterRoutes.Added.self, "Add a person {name, email?, role?}; returns their personal invite link.", status: .created, errors: [.conflict],
                handler: f.roster.addPerson)
        api.empty(.delete, "/api/v1/businesses/{id}/employees/{employeeId}", access: .roles([.manager]), "Deactivate a leaver (kept for history, not counted).",
                handler: f.roster.deactivate)
        api.empty(.post, "/api/v1/businesses/{id}/employees/{employeeId}/reactivate", access: .roles([.manager]), "Count a deactivated person again.",
                handler: f.roster.reactivate)
        api.empty(.post, "/api/v1/businesses/{id}/employees/{employeeId}/confirm", access: .roles([.manager]), "Confirm a person who signed up from the poster.",
                handler: f.roster.confirm)
        api.empty(.put, "/api/v1/businesses/{id}/employees/{employeeId}/role", access: .roles([.manager]), body: RosterRoutes.RoleChange.self, "Set a person's job `{role}`, which picks their role module.",
                handler: f.roster.setJobRole)
        api.empty(.put, "/api/v1/businesses/{id}/employees/{employeeId}/language", access: .roles([.manager]), body: RosterRoutes.LanguageChange.self,
                  "Set a person's interface `{language}`: their pages and course open in it on any phone.", handler: f.roster.setLanguage)
        api.empty(.post, "/api/v1/businesses/{id}/employees/{employeeId}/erase", access: .roles([.manager, .admin]), "Erase a person's name, email and logins; their anonymous completion stays.",
                handler: f.roster.erase)
        api.json(.post, "/api/v1/businesses/{id}/employees/{employeeId}/invite", access: .roles([.manager]), answers: RosterRoutes.Invite.self, "A new personal link; the old one stops working.",
                handler: f.roster.renewInvite)
        api.json(.post, "/api/v1/businesses/{id}/employees/import", access: .roles([.manager]), accepts: "text/csv", answers: RosterImportRoutes.Report.self, "Import a roster as text/csv (RFC 4180, `,` or `;`, BOM allowed); reports rows added and rejected (201 when anyone was added).", also: [.created], bodyLimit: RosterImportRoutes.bodyLimit,
                handler: f.rosterFiles.importRoster)
        api.document(.get, "/api/v1/businesses/{id}/employees.csv", access: .roles([.manager, .admin]), produces: "text/csv", "The roster with progress as CSV, formulas neutralised.",
                handler: f.rosterFiles.exportRoster)
        api.json(.get, "/api/v1/certificates/{code}", access: .anyone, answers: CertificateLookup.Verification.self, "Verify a certificate: valid, expired, superseded or revoked, with business, city, sector and dates.", errors: [.tooManyRequests],
                handler: f.certificates.verify)
        api.json(.post, "/api/v1/admin/businesses/{id}/certificates", access: .roles([.admin]), answers: CertificateView.self, "Issue a certificate to an eligible, approved business.", status: .created, errors: [.conflict],
                handler: f.certificates.issue)
        api.json(.post, "/api/v1/admin/certificates/{code}/revoke", access: .roles([.admin]), body: CertificateRoutes.RevokeRequest.self, answers: CertificateView.self, "Revoke a certificate {reason}; the reason stays internal.", errors: [.conflict],
                handler: f.certificates.revoke)
        api.json(.get, "/api/v1/certificates/{code}/badge", access: .anyone, answers: BadgeRoutes.Assertion.self, "Open Badges 2.0 hosted assertion for the certificate (410 with `revoked` when revoked or replaced).", also: [.gone], errors: [.tooManyRequests], mediaType: "application/ld+json",
                handler: f.badges.assertion)
        api.json(.get, "/api/v1/badges/responsibility-certificate", access: .anyone, answers: BadgeRoutes.BadgeClass.self, "Open Badges 2.0 BadgeClass of the responsibility certificate.", mediaType: "application/ld+json",
                handler: f.badges.badgeClass)
        api.json(.get, "/api/v1/badges/issuer", access: .anyone, answers: BadgeRoutes.Issuer.self, "Open Badges 2.0 Issuer profile.", mediaType: "application/ld+json",
                handler: f.badges.issuer)
        api.document(.get, "/api/v1/businesses/{id}/poster.pdf", access: .roles([.manager, .admin]), produces: "application/pdf", "A4 poster with a QR code where staff sign up themselves.",
                handler: f.documents.poster)
        api.json(.post, "/api/v1/signup/{code}", access: .anyone, body: DocumentRoutes.SignupRequest.self, answers: SignedIn.self, "Sign up from a business's poster {name, email?, password?, role?}; counts once a manager confirms.", status: .created, errors: [.conflict, .tooManyRequests],
                handler: f.documents.signUp)
        api.document(.get, "/api/v1/qr.svg", access: .roles([.manager, .admin]), produces: "image/svg+xml", "A QR code for `data` (a link of this site), as SVG.", errors: [.unprocessableContent],
                handler: f.qr.qrCode)
    }
}

import Foundation
import Learning
@testable import Signaal
import Testing
import TestSupport

/// What people do in the browser, step by step through the interface, and API calls that set up
/// the world a journey starts from.
extension Journey {
    func signIn(_ browser: Browser, login: String, password: String = Journey.password) throws {
        try browser.open("/#/signin")
        try browser.type("#login", login)
        try browser.type("#password", password)
        try browser.click("form button[type=submit]")
    }

    /// Registers a business through the form; the manager is signed in on the manager page after.
    func registerBusiness(_ browser: Browser, name: String, headcount: Int, managerEmail: String) throws {
        try browser.open("/#/register")
        try browser.type("#name", name)
        try browser.type("#city", "Utrecht")
        try browser.type("#kvk", "12345678")
        try browser.type("#headcount", String(headcount))
        try browser.type("#managerName", "Mila Manager")
        try browser.type("#managerEmail", managerEmail)
        try browser.type("#password", Journey.password)
        try check(browser, page: "register")
        try browser.click("form button[type=submit]")
        try browser.wait(for: ".progress .big")
    }

    /// Adds a person with the manager's form (with a job, or left open so they are asked at sign-in) and
    /// returns the personal link shown for them.
    func addPerson(_ browser: Browser, name: String, role: String? = "housekeeping") throws -> String {
        try browser.type("#name", name)
        try browser.script("document.querySelector('#role').value = arguments[0]", [role ?? ""])
        try browser.click("form button[type=submit]", containing: "Toevoegen")
        try browser.wait(for: "#invite .invite-url")
        try browser.wait(for: "#invite p", containing: name)
        return try browser.script("return document.querySelector('#invite .invite-url').value") as? String ?? ""
    }

    /// Opens a personal link in `browser`, joins with a password, and goes on to the course; a person
    /// without a job is asked for it first and answers `role`.
    func join(_ browser: Browser, link: String, role: String = "bar") throws {
        try browser.open(String(link.dropFirst(base.count)))
        try browser.type("#password", Journey.password)
        try browser.click("form button[type=submit]")
        try browser.click("a.button", containing: "training")
        try browser.wait(for: "li.module, form.role-choice")
        if try browser.find("form.role-choice") != nil {
            try browser.click("#role-\(role)")
            try browser.click("form.role-choice button[type=submit]")
            try browser.wait(for: "li.module")
        }
    }

    /// The required modules the course page lists, in order.
    func requiredModules(_ browser: Browser) throws -> [String] {
        try browser.open("/#/course")
        try browser.wait(for: "li.module")
        return try browser.script("""
            return [...document.querySelectorAll('li.module[data-required=true]')].map((item) => item.dataset.module);
            """) as? [String] ?? []
    }

    /// Opens a module from the course page and reads every lesson, up to the link to its quiz.
    func readModule(_ browser: Browser, _ moduleID: String) throws {
        try browser.open("/#/course")
        try browser.click("li.module[data-module='\(moduleID)'] a")
        try browser.wait(for: "article.lesson")
        while try browser.find("a.button[href^='#/quiz/']") == nil {
            try browser.click(".actions button:not(.secondary)")
        }
        // The last lesson is marked read in the background; the quiz opens once the server has it.
        try browser.waitUntil("the server having every lesson of \(moduleID) as read") {
            try browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/modules/' + arguments[0]).then((answer) => answer.json()).then((module) => done(module.lessonsToRead.length), () => done(-1));
                """, [moduleID]) as? Int == 0
        }
    }

    /// Reads every lesson of a module, takes the quiz and answers it right.
    func passModule(_ browser: Browser, _ moduleID: String) throws {
        try readModule(browser, moduleID)
        try browser.click("a.button[href^='#/quiz/']")
        try answerQuiz(browser, moduleID, correctly: true)
        try browser.wait(for: "ol.results")
        #expect(try browser.text("main h1").contains("Gehaald") || browser.text("main h1").contains("Passed"), "\(moduleID) not passed")
    }

    /// Answers every question of the open quiz with the mouse; right or (with `correctly: false`) wrong.
    func answerQuiz(_ browser: Browser, _ moduleID: String, correctly: Bool, stopBeforeLast: Bool = false) throws {
        while true {
            try browser.wait(for: "form[data-question]")
            let questionID = try browser.script("return document.querySelector('form[data-question]').dataset.question") as? String ?? ""
            for option in try options(browser, moduleID, questionID, correctly: correctly) {
                try browser.click("#option-\(option)")
            }
            // The last question's progress bar stands one short of the end, in any language.
            let last = try browser.script("const bar = document.querySelector('main progress'); return bar.value == bar.max - 1") as? Bool == true
            if last && stopBeforeLast { return }
            try browser.click("form[data-question] button[type=submit]")
            if last { return }
            try browser.wait(for: "form[data-question]:not([data-question='\(questionID)'])")
        }
    }

    /// The labels to choose for the question on screen: the correct options, or a wrong one. Labels
    /// belong to the attempt, so the options are found by their words (true/false keep their names).
    func options(_ browser: Browser, _ moduleID: String, _ questionID: String, correctly: Bool) throws -> [String] {
        let question = try #require(catalog.modules[moduleID]?.questions.first { $0.id == questionID }, "\(moduleID)/\(questionID)")
        let wanted = correctly ? question.optionIDs.filter(question.correctOptionIDs.contains)
                               : [try #require(question.optionIDs.first { !question.correctOptionIDs.contains($0) })]
        if question.form == .trueFalse { return wanted }
        let shown = try browser.script("""
            return [...document.querySelectorAll('form[data-question] .option')].map((option) => [option.querySelector('input').value, option.querySelector('label').textContent]);
            """) as? [[String]] ?? []
        let words = catalog.modules[moduleID]?.texts.values.compactMap { $0.questions[questionID]?.options } ?? []
        return try wanted.map { option in
            try #require(shown.first { pair in words.contains { $0[option] == pair[1] } }?[0], "\(moduleID)/\(questionID): option \(option) not on screen")
        }
    }

    // MARK: Setting up through the API

    func api(_ method: String, _ path: String, headers: [String: String] = [:], _ body: [String: Any]? = nil) throws -> BlockingHTTPClient.Response {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) }
        var all = headers
        if bytes != nil { all["Content-Type"] = "application/json" }
        return try BlockingHTTPClient.send(port: port, method: method, path: path, headers: all, body: bytes)
    }

    /// Signs in through the API and returns the headers of that session.
    func session(login: String, password: String = Journey.password) throws -> [String: String] {
        let answer = try api("POST", "/api/v1/session", ["email": login, "password": password])
        let cookie = try #require(answer.headers["set-cookie"]?.split(separator: ";").first, "sign-in: \(answer.text)")
        return ["Cookie": String(cookie), "X-CSRF-Token": try #require(answer.json?["csrfToken"] as? String)]
    }

    /// An approved business with one manager; returns its id and the manager's headers.
    func approvedBusiness(name: String, headcount: Int) throws -> (id: String, manager: [String: String]) {
        let email = "manager.\(UUID().uuidString.prefix(8).lowercased())@signaal.test"
        let registered = try api("POST", "/api/v1/businesses", [
            "name": name, "sector": "hotel", "city": "Utrecht", "kvk": "12345678", "headcount": headcount,
            "manager": ["name": "Mila Manager", "email": email, "password": Journey.password],
        ])
        #expect(registered.status == 202, "registration: \(registered.text)")
        let manager = try session(login: email)
        let id = try #require((try api("GET", "/api/v1/me", headers: manager).json?["user"] as? [String: Any])?["businessId"] as? String)
        let admin = try session(login: Journey.adminEmail)
        #expect(try api("POST", "/api/v1/admin/businesses/\(id)/approve", headers: admin).status == 200)
        return (id, manager)
    }

    /// The email address the business's manager signs in with.
    func managerEmail(_ businessID: String) throws -> String? {
        let database = application.database
        return try Journey.wait {
            try await database.read { db in
                try db.queryOne("SELECT email FROM users WHERE business_id = ? AND role = 'manager'", businessID) { $0.string(0) }
            }
        }
    }

    /// An approved hotel with one person who joined, signed in on a phone of `width` px on their
    /// course page: that browser and the username.
    func signedInLearner(business: String, learner name: String, width: Int = 390) throws -> (phone: Browser, username: String) {
        let hotel = try approvedBusiness(name: business, headcount: 2)
        let username = try learner(businessID: hotel.id, manager: hotel.manager, name: name)
        let phone = try browser(width: width)
        try signIn(phone, login: username)
        try phone.wait(for: "li.module")
        return (phone, username)
    }

    /// Adds a person (receptionist) and joins for them with a password; returns the username they sign in with.
    func learner(businessID: String, manager: [String: String], name: String) throws -> String {
        let added = try api("POST", "/api/v1/businesses/\(businessID)/employees", headers: manager, ["name": name, "role": "reception"])
        let link = try #require(added.json?["inviteUrl"] as? String, "add: \(added.text)")
        let token = try #require(link.split(separator: "/").last)
        let joined = try api("POST", "/api/v1/invites/\(token)", ["password": Journey.password])
        return try #require((joined.json?["user"] as? [String: Any])?["username"] as? String, "join: \(joined.text)")
    }
}

extension Journey {
    /// Adds `count` people through the API and records a course completion for each straight in
    /// the database, as if they had passed every module today.
    func trainedStaff(businessID: String, manager: [String: String], count: Int) throws {
        var ids: [String] = []
        for index in 0..<count {
            let added = try api("POST", "/api/v1/businesses/\(businessID)/employees", headers: manager, ["name": "Medewerker \(index + 1)"])
            ids.append(try #require(added.json?["id"] as? String, "add: \(added.text)"))
        }
        let database = application.database
        let people = ids
        try Journey.wait {
            try await database.write { db in
                for id in people {
                    try CompletionRecord.insert(db, userID: id, businessID: businessID, sector: "hotel", courseVersion: 1, at: Date())
                }
            }
        }
    }
}

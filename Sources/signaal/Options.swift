import Foundation

/// A usage error: the message is printed with the command's help and the exit code is 2.
struct UsageError: Error {
    let message: String
}

/// Flags of one command: `--name value`, `--name=value` and bare `--switch`es, with environment
/// fallbacks (`SIGNAAL_NAME`) and defaults, in that order.
struct Options {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    private(set) var positional: [String] = []

    /// - Parameters:
    ///   - valued: flags that take a value.
    ///   - switches: flags that take none.
    init(_ arguments: [String], valued: Set<String>, switches allowedSwitches: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            let name = String(body.split(separator: "=", maxSplits: 1).first ?? "")
            if allowedSwitches.contains(name), !body.contains("=") {
                switches.insert(name)
            } else if valued.contains(name) {
                if let equals = body.firstIndex(of: "=") {
                    values[name] = String(body[body.index(after: equals)...])
                } else {
                    guard index < arguments.count else { throw UsageError(message: "--\(name) needs a value") }
                    values[name] = arguments[index]
                    index += 1
                }
            } else {
                throw UsageError(message: "unknown option \(argument)")
            }
        }
    }

    func has(_ name: String) -> Bool { switches.contains(name) }

    /// The flag's value, else `SIGNAAL_<NAME>` from the environment, else `fallback`.
    func string(_ name: String, default fallback: String) -> String {
        if let value = values[name] { return value }
        let variable = "SIGNAAL_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        return ProcessInfo.processInfo.environment[variable] ?? fallback
    }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        let text = string(name, default: String(fallback))
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(message: "--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    func boolean(_ name: String, default fallback: Bool) throws -> Bool {
        switch string(name, default: fallback ? "on" : "off").lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        case let other: throw UsageError(message: "--\(name) must be on or off, not '\(other)'")
        }
    }
}

/// For `signaal NOUN VERB …` commands: the arguments after `verb`, or the exit code when the verb is
/// missing (2, with the help) or the person asked for `--help` (0).
func arguments(after verb: String, in arguments: [String], command: String, help: String) -> Result<[String], ExitCode> {
    if arguments.first == verb { return .success(Array(arguments.dropFirst())) }
    if arguments.first == "--help" {
        print(help)
        return .failure(ExitCode(status: 0))
    }
    printError("signaal \(command): expected '\(verb)'\n\n\(help)")
    return .failure(ExitCode(status: 2))
}

/// A process exit status carried as an error.
struct ExitCode: Error {
    let status: Int32
}

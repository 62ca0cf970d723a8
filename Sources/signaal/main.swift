import Foundation

let usage = """
    Usage: signaal COMMAND [options]

    Commands:
      serve     start the server (signaal serve --help)

    Exit codes: 0 ok, 1 failure, 2 usage error.
    """

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "serve":
    status = await ServeCommand.run(Array(arguments.dropFirst()))
case "--help", "-h", "help":
    print(usage)
    status = 0
case let other:
    printError(other.map { "signaal: unknown command '\($0)'\n\n\(usage)" } ?? usage)
    status = 2
}
exit(status)

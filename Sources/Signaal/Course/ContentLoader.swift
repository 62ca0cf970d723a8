import Foundation
import Learning
import Synchronization

/// Reads the course content folder from disk and validates it with `ContentParser`.
public enum ContentLoader {
    /// The content could not be used; `problems` are printed as `file:line: message`.
    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [ContentProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// The last folder read and its catalog: a process that starts the server again (the tests do, many
    /// times) parses the same ten languages once. Reused only when every file and setting is the same.
    private static let lastLoaded = Mutex<(files: [String: String], settings: ContentSettings, catalog: Catalog)?>(nil)

    /// The validated catalog of `folder`, its placeholders filled with `settings`.
    /// - Throws: `Invalid` with every problem found, or a file-system error.
    public static func load(_ folder: String, settings: ContentSettings = ContentSettings()) throws -> Catalog {
        let files = try files(in: folder)
        if let cached = lastLoaded.withLock({ $0 }), cached.settings == settings, cached.files == files { return cached.catalog }
        var parser = ContentParser(files: files, settings: settings)
        let (catalog, problems) = parser.parse()
        guard let catalog else { throw Invalid(problems: problems) }
        lastLoaded.withLock { $0 = (files, settings, catalog) }
        return catalog
    }

    /// Every file under `folder` by relative path; text files with their contents, others (images) empty.
    static func files(in folder: String) throws -> [String: String] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Invalid(problems: [ContentProblem(file: folder, line: 0, message: "content folder does not exist")])
        }
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if relative == "README.md" || relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let isText = relative.hasSuffix(".txt") || relative.hasSuffix(".md")
            guard isText else {
                files[relative] = ""
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw Invalid(problems: [ContentProblem(file: relative, line: 0, message: "cannot be read as UTF-8 text; save it as UTF-8")])
            }
            files[relative] = text
        }
        return files
    }
}

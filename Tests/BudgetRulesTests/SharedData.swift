import Foundation
@testable import BudgetRules

/// The 37 real elections in `../shared/data/pabulib`, read-only. Tests that
/// need them run whenever the folder is there (CI always has it).
enum SharedData {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/pabulib")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".pb") }.sorted()
    }

    static func election(_ name: String) throws -> Election {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try PabulibReader.read(bytes: Array(data))
    }

    struct Fixture: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let rule: String
        let selected: [String]
        /// For max-welfare: Σ approvals × cost of pabutools' set (optimal sets may tie).
        let welfare: String?
        var testDescription: String { "\(rule) \(file)" }
    }

    static var fixtures: [Fixture] {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return try? JSONDecoder().decode(Fixture.self, from: data)
        }
    }
}

import Testing

import Foundation
import HTTPTypes

/// What the fuzzer needs to know of the demo data, read through the API
/// itself: tokens, the ids the paths take, and the ids bodies refer to.
struct DemoData: Sendable {
    let operations: [Harness.Operation]
    let tokens: [Harness.Caller: String]
    let placeholders: [String: String]

    static let city = "/api/v1/vinnytsia"

    static func discover(with harness: Harness) async throws -> DemoData {
        var tokens: [Harness.Caller: String] = [:]
        for (caller, email, password) in [
            (Harness.Caller.admin, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026"),
            (.olena, "olena@demo.hromada.ua", "resident-demo-2026"), (.andrii, "andrii@demo.hromada.ua", "resident-demo-2026"),
        ] {
            let answer = try await json(harness, .post, "/api/v1/session", body: ["email": email, "password": password])
            guard let token = answer["token"] as? String else { fatalError("\(email) cannot sign in: \(answer)") }
            tokens[caller] = token
        }
        let admin = tokens[.admin]
        var placeholders: [String: String] = [:]

        // Budgets: the edition taking proposals, the one voting, and the rest.
        let editions = try await items(harness, "\(city)/budgets", token: admin)
        func editionIDs(first phases: [String]) -> [String] {
            let ids = editions.compactMap { $0["id"] as? String }
            let preferred = editions.filter { phases.contains($0["phase"] as? String ?? "") }.compactMap { $0["id"] as? String }
            return preferred + ids.filter { !preferred.contains($0) }
        }
        let proposing = editionIDs(first: ["proposals"]), voting = editionIDs(first: ["voting"]), unfrozen = editionIDs(first: ["draft", "proposals"])
        if let edition = proposing.first {
            let detail = try await json(harness, .get, "\(city)/budgets/\(edition)", token: admin)
            for (index, category) in ((detail["categories"] as? [[String: Any]]) ?? []).prefix(4).enumerated() {
                placeholders["$C\(index)"] = category["id"] as? String
            }
        }
        if let edition = voting.first {
            for (index, project) in try await items(harness, "\(city)/budgets/\(edition)/projects", token: admin).prefix(10).enumerated() {
                placeholders["$P\(index)"] = project["id"] as? String
            }
        }

        // Petitions: one of Olena's put before the moderator, and the demo's in every state.
        let petitionList = try await items(harness, "\(city)/petitions?limit=100", token: admin)
        placeholders["$PETITION_CATEGORY"] = petitionList.compactMap { $0["category"] as? String }.first
        let filed = try await json(
            harness, .post, "\(city)/petitions",
            body: [
                "title": "Облаштувати пандуси біля поліклініки", "category": placeholders["$PETITION_CATEGORY"] ?? "other",
                "text": "Прошу облаштувати пандуси біля входу до поліклініки №2, щоб люди на візках і з колясками могли зайти.",
            ], token: tokens[.olena])
        let petitions = [filed] + petitionList
        func petitionIDs(first states: [String]) -> [String] {
            let ids = petitions.compactMap { $0["id"] as? String }
            let preferred = petitions.filter { states.contains($0["state"] as? String ?? "") }.compactMap { $0["id"] as? String }
            return preferred + ids.filter { !preferred.contains($0) }
        }

        // Auctions: lots by status, their bidders, and the property register.
        let lots = try await items(harness, "\(city)/auctions", token: admin)
        func lotIDs(first statuses: [String]) -> [String] {
            let ids = lots.compactMap { $0["id"] as? String }
            let preferred = lots.filter { statuses.contains($0["status"] as? String ?? "") }.compactMap { $0["id"] as? String }
            return preferred + ids.filter { !preferred.contains($0) }
        }
        let open = lotIDs(first: ["active.tendering", "active.auction", "active.qualification"])
        var payments: [String] = []
        for lot in lotIDs(first: ["active.tendering"]) {
            for bidder in try await items(harness, "\(city)/auctions/\(lot)/bidders", token: admin).compactMap({ $0["id"] as? String }) {
                payments.append("\(city)/auctions/\(lot)/bidders/\(bidder)/payments")
            }
        }
        if let lot = open.first {
            placeholders["$LOT"] = lot
            placeholders["$AUCTION_ID"] = try await json(harness, .get, "\(city)/auctions/\(lot)/prozorro", token: admin)["auctionId"] as? String
            for (index, bidder) in try await items(harness, "\(city)/auctions/\(lot)/bidders", token: admin).prefix(4).enumerated() {
                placeholders["$BIDDER\(index)"] = bidder["id"] as? String
            }
        }
        placeholders["$OBJECT"] = try await items(harness, "\(city)/property", token: admin).compactMap { $0["id"] as? String }.first

        func paths(_ ids: [String], _ suffix: String, _ prefix: String) -> [String] {
            ids.isEmpty ? ["\(prefix)/no-such-id\(suffix)"] : ids.map { "\(prefix)/\($0)\(suffix)" }
        }
        let operations: [Harness.Operation] = [
            .init(name: "session", method: .post, paths: ["/api/v1/session"], caller: .anonymous),
            .init(name: "budgets.create", method: .post, paths: ["\(city)/budgets", "/api/v1/zhmerynka/budgets", "/api/v1/nowhere/budgets"], caller: .admin),
            .init(name: "projects", method: .post, paths: paths(proposing, "/projects", "\(city)/budgets"), caller: .resident),
            .init(name: "ballots", method: .post, paths: paths(voting, "/ballots", "\(city)/budgets"), caller: .resident),
            .init(name: "rules", method: .put, paths: paths(unfrozen, "/rules", "\(city)/budgets"), caller: .admin),
            .init(name: "petitions.create", method: .post, paths: ["\(city)/petitions"], caller: .resident),
            .init(name: "petitions.decision", method: .post, paths: paths(petitionIDs(first: ["moderation"]), "/decision", "\(city)/petitions"), caller: .admin),
            .init(
                name: "petitions.response", method: .post, paths: paths(petitionIDs(first: ["under_consideration"]), "/response", "\(city)/petitions"),
                caller: .admin),
            .init(name: "auctions.create", method: .post, paths: ["\(city)/auctions"], caller: .admin),
            .init(name: "bids", method: .post, paths: paths(lotIDs(first: ["active.tendering", "active.auction"]), "/bids", "\(city)/auctions"), caller: .resident),
            .init(name: "prozorro", method: .post, paths: paths(open, "/prozorro", "\(city)/auctions"), caller: .admin),
            .init(name: "property", method: .post, paths: ["\(city)/property"], caller: .admin),
            .init(name: "payments", method: .post, paths: payments.isEmpty ? ["\(city)/auctions/no-such-lot/bidders/no-such-bidder/payments"] : payments, caller: .admin),
            .init(name: "next", method: .post, paths: paths(lotIDs(first: ["unsuccessful"]), "/next", "\(city)/auctions"), caller: .admin),
        ]
        return DemoData(operations: operations, tokens: tokens, placeholders: placeholders)
    }

    static func json(
        _ harness: Harness, _ method: HTTPRequest.Method, _ path: String, body: [String: String]? = nil, token: String? = nil
    ) async throws -> [String: Any] {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let (status, answer) = try await harness.fetch(Call(method: method, path: path, token: token, body: bytes))
        guard status.code < 500 else { fatalError("\(method) \(path) answered \(status.code) while reading the demo data") }
        return (try? JSONSerialization.jsonObject(with: Data(answer))) as? [String: Any] ?? [:]
    }

    static func items(_ harness: Harness, _ path: String, token: String?) async throws -> [[String: Any]] {
        try await json(harness, .get, path, token: token)["items"] as? [[String: Any]] ?? []
    }
}

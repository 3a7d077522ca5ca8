import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Visit

/// The visitor guide's store on both databases: places and routes kept
/// whole, drafts only when asked, a kind filter, and nothing of one city
/// found, or overwritten, from another.
@Suite struct VisitGuideContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    func place(_ id: String, city: MunicipalityID? = nil, kind: PlaceKind = .museum, published: Bool = true) throws -> Place {
        Place(
            id: PlaceID(rawValue: id), city: city ?? vinnytsia, kind: kind, name: .init(uk: "Музей \(id)", en: "Museum \(id)"),
            summary: .init(uk: "Коротко", en: "In short"), description: .init(uk: "Опис", en: "Description"), address: .init(uk: "вул. Соборна, 19", en: "19 Soborna St"),
            location: try GeoPoint(longitude: 28.4638, latitude: 49.2317),
            hours: OpeningHours(week: [[]] + Array(repeating: [OpeningHours.Span(opens: 600, closes: 1080)].compactMap { $0 }, count: 6), onHolidays: .asSunday,
                                exceptions: [CalendarDate(year: 2027, month: 1, day: 1): []]),
            price: PlacePrice(from: Money(hryvnias: 70), note: .init(uk: "Діти безкоштовно", en: "Children free")), accessibility: [.stepFree, .tactile],
            contacts: PlaceContacts(phone: "+380 432 00-00-00"), published: published, updatedAt: t0)
    }

    @Test(arguments: TestDatabase.available)
    func placesAreKeptWholeAndSeenOnlyInTheirCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let museum = try place("m"), park = try place("p", kind: .park), draft = try place("d", published: false)
            try await store.write { tx async throws in
                for item in [museum, park, draft] { #expect(try await tx.visitGuide.save(item, at: t0)) }
            }
            let city = vinnytsia, other = zhmerynka
            #expect(try await store.read { try await $0.visitGuide.place(museum.id, in: city) } == museum)
            #expect(try await store.read { try await $0.visitGuide.place(museum.id, in: other) } == nil)
            #expect(Set(try await store.read { try await $0.visitGuide.places(in: city) }.map(\.id.rawValue)) == ["m", "p"])
            #expect(Set(try await store.read { try await $0.visitGuide.places(in: city, drafts: true) }.map(\.id.rawValue)) == ["m", "p", "d"])
            #expect(try await store.read { try await $0.visitGuide.places(in: city, kind: .park) }.map(\.id.rawValue) == ["p"])
            #expect(try await store.read { try await $0.visitGuide.places(in: other) }.isEmpty)
            #expect(Set(try await store.read { try await $0.visitGuide.places([museum.id, draft.id, PlaceID(rawValue: "none")], in: city) }.keys) == [museum.id, draft.id])
            // A change is saved over the place; the same id from another city changes nothing.
            var renamed = museum
            renamed.name = .init(uk: "Краєзнавчий музей", en: "Museum of Local Lore")
            let changed = renamed
            #expect(try await store.write { try await $0.visitGuide.save(changed, at: t0) })
            #expect(try await store.read { try await $0.visitGuide.place(museum.id, in: city) }?.name.en == "Museum of Local Lore")
            let foreign = try place("m", city: other)
            #expect(try await store.write { try await $0.visitGuide.save(foreign, at: t0) } == false)
            #expect(try await store.read { try await $0.visitGuide.place(museum.id, in: city) }?.name.en == "Museum of Local Lore")
            #expect(try await store.read { try await $0.visitGuide.place(museum.id, in: other) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func routesKeepTheirStopsInOrderAndTheirTrack(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let track = [try GeoPoint(longitude: 28.46, latitude: 49.23), try GeoPoint(longitude: 28.47, latitude: 49.235)]
            let route = VisitRoute(
                id: VisitRouteID(rawValue: "old-town"), city: vinnytsia, title: .init(uk: "Стара Вінниця", en: "Old Vinnytsia"), summary: .init(uk: "", en: ""),
                description: .init(uk: "", en: ""), mode: .walk,
                stops: [RouteStop(place: PlaceID(rawValue: "b"), minutes: 10, note: .init(uk: "Орган", en: "Organ")), RouteStop(place: PlaceID(rawValue: "a"), minutes: 0)],
                track: track, updatedAt: t0)
            var draft = route
            draft = VisitRoute(
                id: VisitRouteID(rawValue: "draft"), city: vinnytsia, title: route.title, summary: route.summary, description: route.description, mode: .cycle,
                stops: route.stops, published: false, updatedAt: t0)
            let hidden = draft
            try await store.write { tx async throws in
                #expect(try await tx.visitGuide.save(route, at: t0))
                #expect(try await tx.visitGuide.save(hidden, at: t0))
            }
            let city = vinnytsia
            #expect(try await store.read { try await $0.visitGuide.route(route.id, in: city) } == route)
            #expect(try await store.read { try await $0.visitGuide.routes(in: city) }.map(\.id.rawValue) == ["old-town"])
            #expect(try await store.read { try await $0.visitGuide.routes(in: city, drafts: true) }.count == 2)
            let other = zhmerynka
            #expect(try await store.read { try await $0.visitGuide.route(route.id, in: other) } == nil)
        }
    }
}

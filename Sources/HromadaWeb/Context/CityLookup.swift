import HromadaDomain
import HromadaStore
import Hummingbird

/// The municipality named by `{city}`, as `CityMiddleware` loaded it;
/// unknown slugs are a 404.
package struct CityLookup {
    package let store: Store

    package init(store: Store) {
        self.store = store
    }

    package func require(_ context: AppRequestContext) async throws -> Municipality {
        if let city = context.city { return city }
        let slug = try context.parameters.require("city")
        guard !Slug.reserved.contains(slug), let city = try await store.read({ try await $0.municipalities.find(slug: slug) }) else {
            throw AppError.notFound
        }
        return city
    }
}

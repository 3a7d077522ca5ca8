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

/// The oblast a route's `{oblast}` names, with every city of the deployment
/// (pages filter them to the oblast's; the layout's switcher lists them all).
package struct OblastLookup {
    package let store: Store

    package init(store: Store) {
        self.store = store
    }

    /// 404 for an oblast this deployment does not hold; a slug over 40
    /// characters (the longest a slug may be) names nothing and is not read.
    package func require(slug: String) async throws -> (oblast: Oblast, cities: [Municipality]) {
        guard slug.utf8.count <= 40 else { throw AppError.notFound }
        let (oblast, cities) = try await store.read { tx in (try await tx.municipalities.oblast(slug: slug), try await tx.municipalities.all()) }
        guard let oblast else { throw AppError.notFound }
        return (oblast, cities)
    }

    package func require(_ context: AppRequestContext) async throws -> (oblast: Oblast, cities: [Municipality]) {
        try await require(slug: try context.parameters.require("oblast"))
    }
}

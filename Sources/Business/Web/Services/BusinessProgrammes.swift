import HromadaDomain
import HromadaWeb

/// The programmes a call or an event may serve: the city's strategies and
/// programmes, the strategy module's documents, through the platform's
/// links (none when the city runs no strategy module).
enum BusinessProgrammes {
    static func choices(in city: Municipality, services: AppServices) async throws -> [LinkedThing] {
        try await services.modules.linkChoices(.strategy, in: city, limit: 200, services: services)
    }
}

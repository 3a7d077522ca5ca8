import HromadaDomain

/// The signed-in staff member who may use `capability` in this city. Anyone
/// else gets 401 when signed out, or the 404 a resource of another city
/// gets: a city's staff desks do not reveal themselves (docs/design.md).
/// Every module checks its staff through here, never through another module.
@discardableResult
package func requireStaff(_ capability: Capability, _ principal: Principal?, in city: MunicipalityID) throws -> Principal {
    guard let principal else { throw AppError.notSignedIn }
    guard principal.may(capability, in: city) else { throw AppError.notFound }
    return principal
}

import Foundation
import HromadaDomain

/// A register entry as stored: its id, its city and when it was made and last changed.
public struct Registered<ID: Identifier, Value: Sendable & Equatable>: Sendable, Equatable {
    public let id: ID
    public let city: MunicipalityID
    public var value: Value
    public let createdAt: Date
    public var updatedAt: Date

    public init(id: ID, city: MunicipalityID, value: Value, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.city = city
        self.value = value
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

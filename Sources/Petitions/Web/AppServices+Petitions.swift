import HromadaWeb

extension AppServices {
    public var petitions: PetitionService { PetitionService(services: self) }
}

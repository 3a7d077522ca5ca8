import HromadaDomain

/// What the e-petitions' staff may do (declared to the registry by `PetitionsModule`).
extension Capability {
    /// Publish or reject petitions, invalidate signatures.
    public static let moderatePetition = Capability("petitions.moderate")
    /// Post the council's answer on its behalf.
    public static let answerPetition = Capability("petitions.answer")
}

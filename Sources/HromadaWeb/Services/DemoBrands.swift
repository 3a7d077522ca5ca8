import HromadaDomain
import HromadaStore

/// The demo's brands: Вінниця's «місто ідей» and Вінницька область's. The
/// other cities keep the platform's look. Drawn for the demo, not anyone's
/// registered mark.
enum DemoBrands {
    /// A stylised water tower (Вінниця's landmark) with a spark of an idea in
    /// its clock, and the city's name, on a teal badge.
    static let vinnytsiaLogo = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 56" width="200" height="56" role="img" aria-label="Вінниця">
          <title>Вінниця — місто ідей</title>
          <defs>
            <linearGradient id="badge" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0" stop-color="#0f766e"/>
              <stop offset="1" stop-color="#0b5d57"/>
            </linearGradient>
          </defs>
          <rect x="0" y="0" width="200" height="56" rx="10" fill="url(#badge)"/>
          <g fill="#ffffff">
            <polygon points="28,5 39,17 17,17"/>
            <rect x="20" y="17" width="16" height="29" rx="1"/>
            <rect x="14" y="45" width="28" height="5" rx="1.5"/>
          </g>
          <circle cx="28" cy="26" r="5" fill="#fbbf24"/>
          <path d="M28 21.5v2M32.5 26h-2M23.5 26h2" stroke="#0b5d57" stroke-width="1.2" stroke-linecap="round"/>
          <path d="M25 36h6v10h-6z" fill="#0b5d57"/>
          <text x="50" y="36" font-family="system-ui, sans-serif" font-size="23" font-weight="700" fill="#ffffff">Вінниця</text>
        </svg>
        """

    /// The oblast's mark: a golden sun over a field, and the oblast's name.
    static let oblastLogo = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 208 56" width="208" height="56" role="img" aria-label="Вінницька область">
          <rect x="0" y="0" width="208" height="56" rx="10" fill="#7a1f3d"/>
          <circle cx="28" cy="24" r="10" fill="#fbbf24"/>
          <path d="M8 44q20-12 40 0z" fill="#ffffff"/>
          <text x="54" y="36" font-family="system-ui, sans-serif" font-size="21" font-weight="700" fill="#ffffff">Вінниччина</text>
        </svg>
        """

    static func vinnytsia() throws -> Brand {
        try brand(primary: "#0f766e", link: "#0b5d57", uk: "Вінниця — місто ідей", en: "Vinnytsia — a city of ideas", logo: vinnytsiaLogo)
    }

    static func oblast() throws -> Brand {
        try brand(primary: "#7a1f3d", link: "#7a1f3d", uk: "Вінниччина — серце Поділля", en: "Vinnytsia Oblast — the heart of Podillia", logo: oblastLogo)
    }

    /// White text on `primary`, the platform's text on white. The colours
    /// are constants written here; one that did not parse would be a typo,
    /// which `theDemoBrandsPassTheirOwnRules` catches.
    private static func brand(primary: String, link: String, uk: String, en: String, logo: String) throws -> Brand {
        var colours = BrandColours.platform
        colours.primary = HexColour(primary) ?? .black
        colours.link = HexColour(link) ?? .black
        return Brand(colours: colours, sloganUK: uk, sloganEN: en, logo: try SVGLogo(validating: Array(logo.utf8)))
    }

    /// Once: a city or oblast that has a brand keeps it.
    static func seed(_ world: DemoWorld, oblast: Oblast) async throws {
        let services = world.services, brands = BrandService(services: services)
        if let city = world.city("vinnytsia"), try await services.store.read({ try await $0.brands.summary(of: .city(city.id)) }) == nil {
            try await brands.save(try vinnytsia(), of: .city(city, .uk), by: nil)
        }
        if try await services.store.read({ try await $0.brands.summary(of: .oblast(oblast.id)) }) == nil {
            try await brands.save(try Self.oblast(), of: .oblast(oblast, .uk), by: nil)
        }
    }
}

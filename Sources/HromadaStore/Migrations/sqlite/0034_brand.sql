-- Brands (docs/brand.md): a city's, worn by its pages, and an oblast's,
-- worn by the oblast's own pages. Exactly one owner per row. Colours are
-- `#rrggbb`, already checked for contrast; the logo is the SVG as the
-- allowlist wrote it again, the font WOFF2 checked by its bytes. The
-- version grows by one at each save: pages ask for `brand.css?v=N`, so a
-- browser keeps each version for a year and fetches the next at once.
CREATE TABLE brands (
    municipality_id TEXT UNIQUE REFERENCES municipalities(id),
    oblast_id TEXT UNIQUE REFERENCES oblasts(id),
    primary_colour TEXT NOT NULL,
    on_primary_colour TEXT NOT NULL,
    link_colour TEXT NOT NULL,
    background_colour TEXT NOT NULL,
    text_colour TEXT NOT NULL,
    slogan_uk TEXT,
    slogan_en TEXT,
    logo BLOB,
    font BLOB,
    font_family TEXT,
    version INTEGER NOT NULL,
    updated_by TEXT REFERENCES accounts(id),
    updated_at INTEGER NOT NULL,
    CHECK ((municipality_id IS NULL) <> (oblast_id IS NULL))
);

#!/usr/bin/env bash
# Decode check (not a Swift test): renders symbols with Sources/HromadaWeb/Rendering/QRCode.swift, rasterises
#   (a) the SVG from svg(label:) with rsvg-convert, and
#   (b) a PGM drawn directly from isDark(x:y:),
# and checks that zbarimg decodes each image to exactly the original UTF-8 bytes.
# Needs Debian packages zbar-tools and librsvg2-bin (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need zbarimg zbar-tools
need rsvg-convert librsvg2-bin

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/main.swift" <<'SWIFT'
import Foundation

func repeated(_ sentence: String, bytes: Int) -> String {
    var text = ""
    while text.utf8.count < bytes { text += sentence }
    while text.utf8.count > bytes { text.removeLast() }
    return text
}

let cases: [(String, QRCode.Correction, String)] = [
    ("ticket-L", .low, "HX4KQ7MZ2R"),
    ("ticket-M", .medium, "HX4KQ7MZ2R"),
    ("ticket-Q", .quartile, "HX4KQ7MZ2R"),
    ("ticket-H", .high, "HX4KQ7MZ2R"),
    ("numeric-M", .medium, "0123456789"),
    ("url-M", .medium, "https://hromada.example/vinnytsia/visit/certificates/kava-na-soborniy/verify"),
    ("url-H", .high, "https://hromada.example/vinnytsia/visit/certificates/kava-na-soborniy/verify"),
    ("ukrainian-M", .medium, "Вінниця — місто ідей"),
    ("emoji-Q", .quartile, "Кава ☕ на Соборній 🇺🇦"),
    ("text300-Q", .quartile, repeated("Громада Вінниця: квиток на подію, вхід за QR-кодом; ", bytes: 300)),
    ("text1200-H", .high, repeated("Hospitality certificate, Vinnytsia. ", bytes: 1200)),
    ("text2000-L", .low, repeated("Hospitality certificate #2025-117 for Kava na Soborniy. Перевірка сертифіката. ", bytes: 2000)),
    ("text2000-M", .medium, repeated("Hospitality certificate #2025-117 for Kava na Soborniy. Перевірка сертифіката. ", bytes: 2000)),
]

let dir = CommandLine.arguments[1]
for (name, correction, text) in cases {
    guard let code = QRCode(text: text, correction: correction) else {
        print("\(name): does not fit")
        exit(1)
    }
    let base = URL(fileURLWithPath: dir).appendingPathComponent(name)
    try Data(text.utf8).write(to: base.appendingPathExtension("txt"))
    try Data(code.svg(label: name).utf8).write(to: base.appendingPathExtension("svg"))
    // PGM: 4 px per module, 4-module quiet zone.
    let scale = 4
    let side = (code.size + 8) * scale
    var pgm = Data("P5\n\(side) \(side)\n255\n".utf8)
    for py in 0..<side {
        for px in 0..<side {
            pgm.append(code.isDark(x: px / scale - 4, y: py / scale - 4) ? 0 : 255)
        }
    }
    try pgm.write(to: base.appendingPathExtension("pgm"))
    print("\(name) \(code.version) \(code.mask) \(code.size)")
}
SWIFT

swiftc -O -module-name qrdump Sources/HromadaWeb/Rendering/QRCode.swift "$work/main.swift" -o "$work/qrdump"
"$work/qrdump" "$work" >"$work/list"

passed=0
failed=0
while read -r name version mask size; do
    px=$(((size + 8) * 6))
    rsvg-convert -w "$px" -h "$px" -b white "$work/$name.svg" -o "$work/$name.svg.png"
    for image in "$work/$name.svg.png" "$work/$name.pgm"; do
        kind=${image##*.}
        [ "$kind" = png ] && kind=svg
        if zbarimg -q --raw -Sbinary "$image" >"$work/out" 2>/dev/null \
            && cmp -s <(head -c "$(stat -c %s "$work/$name.txt")" "$work/out") "$work/$name.txt" \
            && [ "$(stat -c %s "$work/out")" -le "$(($(stat -c %s "$work/$name.txt") + 1))" ]; then
            passed=$((passed + 1))
            printf 'ok    %-12s %s v%-2s mask %s\n' "$name" "$kind" "$version" "$mask"
        else
            failed=$((failed + 1))
            printf 'FAIL  %-12s %s v%-2s mask %s\n' "$name" "$kind" "$version" "$mask"
        fi
    done
done <"$work/list"

echo "decode-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

"""Checks a sites.geojson as a GIS would read it: `geojson` says the
document is a valid FeatureCollection, and `shapely` that every boundary is
a valid shape whose area (on a local equal-area projection) agrees with the
site's `areaHa` within a factor of two, as the portal itself requires.
Prints what is wrong and exits 1; silent and 0 when all is well."""
import json
import math
import sys

import geojson
import shapely
from shapely.geometry import shape

text = open(sys.argv[1]).read()
document = geojson.loads(text)
problems = []
if not isinstance(document, geojson.FeatureCollection):
    problems.append(f"not a FeatureCollection: {type(document).__name__}")
elif not document.is_valid:
    problems.append(f"invalid GeoJSON: {document.errors()}")
features = json.loads(text).get("features", [])
if not features:
    problems.append("no features")
for feature in features:
    geometry = shape(feature["geometry"])
    if not geometry.is_valid:
        problems.append(f"{feature['id']}: invalid shape")
        continue
    if geometry.geom_type == "Polygon":
        lat0 = math.radians(geometry.centroid.y)
        metres = shapely.transform(geometry, lambda xy: xy * [111_320 * math.cos(lat0), 110_540])
        hectares = metres.area / 10_000
        stated = feature["properties"]["areaHa"]
        if not (stated / 2 <= hectares <= stated * 2):
            problems.append(f"{feature['id']}: boundary {hectares:.2f} ha, stated {stated} ha")
    for key in ("id", "title", "type", "status", "areaHa", "url"):
        if key not in feature["properties"]:
            problems.append(f"{feature['id']}: no {key}")
if problems:
    print("\n".join(problems))
    sys.exit(1)

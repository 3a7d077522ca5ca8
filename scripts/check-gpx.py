#!/usr/bin/env python3
"""Reads a route's GPX file as a phone's map app would, with gpxpy.

    scripts/check-gpx.py ROUTE.gpx

gpxpy (pip install gpxpy) parses it as GPX 1.1; prints one JSON object:
the version, the metadata's name, the waypoints' names, the route's points,
the track's points and the track's length in metres (gpxpy's own 2-D
length), or {"error": "..."} with exit status 1 when it cannot be read.
"""
import json
import sys

import gpxpy


def main(path):
    try:
        with open(path, encoding="utf-8") as handle:
            gpx = gpxpy.parse(handle)
    except Exception as error:  # gpxpy raises several kinds; all mean "not readable"
        print(json.dumps({"error": str(error)}))
        return 1
    track = [point for track in gpx.tracks for segment in track.segments for point in segment.points]
    print(json.dumps({
        "version": gpx.version,
        "name": gpx.name,
        "waypoints": [point.name for point in gpx.waypoints],
        "routePoints": sum(len(route.points) for route in gpx.routes),
        "trackPoints": len(track),
        "trackMetres": round(sum(track_.length_2d() for track_ in gpx.tracks)),
        "firstWaypoint": [gpx.waypoints[0].latitude, gpx.waypoints[0].longitude] if gpx.waypoints else None,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

// The platform's one map component (docs/architecture.md, "Maps").
// Progressive: every page with a map works without JavaScript (its list,
// its form); this draws the shapes on Leaflet where the browser runs it.
//
// <div data-map hidden
//      data-tiles="…{z}/{x}/{y}.png" data-attribution="…"  (none: shapes on a plain background)
//      data-source="/api/…geojson"        a FeatureCollection to fetch, or
//      data-shape='{"type":"Polygon",…}'  one GeoJSON geometry in the page
//      data-box-field="bbox" data-box-label="Search this area"  a form input the map's box goes into
//      data-pick-lon="longitude" data-pick-lat="latitude" data-bounds="w,s,e,n"
//                                         a form's place: a tap (within the box) marks it and fills the inputs
// ></div>
(function () {
  'use strict';

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  function colourOf(feature) {
    var colour = feature && feature.properties && feature.properties.colour;
    return typeof colour === 'string' && /^#[0-9a-f]{6}$/i.test(colour) ? colour : null;
  }

  function popup(properties) {
    var box = document.createElement('div');
    if (properties.url) {
      var link = document.createElement('a');
      link.href = properties.url;
      link.textContent = properties.title || properties.url;
      box.appendChild(link);
    } else if (properties.title) {
      box.textContent = properties.title;
    }
    if (properties.label) {
      var note = document.createElement('div');
      note.textContent = properties.label;
      box.appendChild(note);
    }
    return box;
  }

  function draw(element) {
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 19 }).addTo(map);
    } else {
      element.classList.add('map-plain');
    }
    var shapes = L.geoJSON(null, {
      // A feature may carry its own colour (a collection site's fullest container); Leaflet
      // applies this style to points too, after pointToLayer.
      style: function (feature) {
        var colour = colourOf(feature);
        // A line (a truck's route) is drawn in its own colour.
        if (colour && feature.geometry && feature.geometry.type === 'LineString') { return { color: colour, weight: 4, opacity: 0.8 }; }
        return colour ? { color: '#0b57a4', weight: 2, fillColor: colour, fillOpacity: 0.9 } : { color: '#0b57a4', weight: 2, fillColor: '#ffd500', fillOpacity: 0.35 };
      },
      pointToLayer: function (feature, at) {
        return L.circleMarker(at, { radius: 9, color: '#0b57a4', fillColor: colourOf(feature) || '#ffd500', fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, layer) {
        if (feature.properties && (feature.properties.url || feature.properties.title)) { layer.bindPopup(popup(feature.properties)); }
      }
    }).addTo(map);
    var box = null;
    var field = element.dataset.boxField ? document.getElementById(element.dataset.boxField) : null;
    if (field && field.value) {
      var parts = field.value.split(',').map(Number);
      if (parts.length === 4 && parts.every(isFinite)) {
        box = L.latLngBounds([parts[1], parts[0]], [parts[3], parts[2]]);
        L.rectangle(box, { color: '#55606b', weight: 1, dashArray: '4', fill: false, interactive: false }).addTo(map);
      }
    }
    function fit() {
      var bounds = shapes.getBounds();
      if (box) { map.fitBounds(box); } else if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 16, padding: [16, 16] }); }
    }
    var centre = (element.dataset.centre || '').split(',').map(Number);
    map.setView(centre.length === 2 && centre.every(isFinite) ? [centre[1], centre[0]] : [49.2331, 28.4682], 11);
    if (element.dataset.shape) {
      try { shapes.addData(JSON.parse(element.dataset.shape)); } catch (e) { /* a page's own shape is checked when stored */ }
      fit();
    }
    if (element.dataset.source) {
      fetch(element.dataset.source, { headers: { Accept: 'application/geo+json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (collection) { if (collection) { shapes.addData(collection); fit(); } })
        .catch(function () { /* the list below the map still has every site */ });
    }
    if (element.dataset.pickLon && element.dataset.pickLat) { pick(map, element); }
    if (field && field.form) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'map-box';
      button.textContent = element.dataset.boxLabel || 'Search this area';
      element.parentNode.insertBefore(button, element.nextSibling);
      button.addEventListener('click', function () {
        var b = map.getBounds();
        field.value = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
          .map(function (n) { return n.toFixed(5); }).join(',');
        field.form.submit();
      });
    }
  }

  // A form's place: the marker follows the inputs (typed or filled by the
  // geocoder) and a tap moves both. Taps outside the city's box are ignored;
  // the server checks the place again.
  function pick(map, element) {
    var lon = document.getElementById(element.dataset.pickLon);
    var lat = document.getElementById(element.dataset.pickLat);
    if (!lon || !lat) { return; }
    var b = (element.dataset.bounds || '').split(',').map(Number);
    var bounds = b.length === 4 && b.every(isFinite) ? L.latLngBounds([b[1], b[0]], [b[3], b[2]]) : null;
    var marker = null;
    function show(fit) {
      var at = [Number(lat.value.replace(',', '.')), Number(lon.value.replace(',', '.'))];
      if (lat.value === '' || lon.value === '' || !at.every(isFinite)) { return; }
      if (marker) { marker.setLatLng(at); } else { marker = L.circleMarker(at, { radius: 10, color: '#0b57a4', fillColor: '#ffd500', fillOpacity: 0.9 }).addTo(map); }
      if (fit) { map.setView(at, Math.max(map.getZoom(), 15)); }
    }
    if (bounds) { map.fitBounds(bounds); }
    show(true);
    map.on('click', function (event) {
      if (bounds && !bounds.contains(event.latlng)) { return; }
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      show(false);
    });
    lat.addEventListener('change', function () { show(true); });
    lon.addEventListener('change', function () { show(true); });
    // "Find on the map": without JavaScript it submits the form for the server
    // to look the address up; here it asks the same server and stays on the page.
    var find = lat.form && lat.form.querySelector('[data-geocode]');
    var status = lat.form && lat.form.querySelector('[data-place-status]');
    var address = find && document.getElementById(find.dataset.addressField);
    if (find && address && status && window.fetch) {
      find.addEventListener('click', function (event) {
        event.preventDefault();
        status.textContent = find.dataset.searching;
        fetch(find.dataset.geocode + '?q=' + encodeURIComponent(address.value), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : { items: [], available: false }; })
          .then(function (answer) {
            var first = answer.items && answer.items[0];
            if (!first) { status.textContent = answer.available === false ? find.dataset.unavailable : find.dataset.notFound; return; }
            lat.value = String(first.latitude);
            lon.value = String(first.longitude);
            status.textContent = find.dataset.found.replace('{place}', first.label);
            show(true);
          })
          .catch(function () { status.textContent = find.dataset.unavailable; });
      });
    }
  }

  function start() {
    if (!window.L) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('[data-map]'), draw);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();

"""The map of Genk's wijken as inline SVG, rendered on the server from the stored boundaries.

Two layers:

- Pure functions (`fit`, `path_data`, `build_map`, `render_svg`): GeoJSON in, SVG markup
  out, no database, no cache. The projection is equirectangular with the longitude scaled by
  cos(latitude) at the map's centre: at the size of a city (12 km) the distortion is far
  below a pixel.
- `neighbourhood_map()`, used by the `{% neighbourhood_map %}` tag: it reads the wijken once,
  projects them, and keeps the result (the path data per wijk, not the final markup) in the
  cache under a version that `invalidate()` changes whenever a wijk or district is saved or
  deleted. Assembling the SVG from the cached shapes costs well under a millisecond, so the
  highlighted variants (one wijk, one district) share one cache entry.

Each wijk is an `<a href="/wijken/<slug>/">` with an accessible name (`aria-label`), a
`<title>` (the tooltip) and its `<path>`. Styling is by class only (`map.css`): no inline
styles, no JavaScript. The map is an enhancement: every page that shows it also lists the
wijken as links.
"""

import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 600  # viewBox width; the height follows from Genk's shape
PADDING = 4
PRECISION = 1  # decimals in the path data: 0.1 unit is well below a screen pixel
COLOURS = 8  # district-1 … district-8 in map.css

VERSION_KEY = "neighbourhoods:map:version"
CACHE_TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class Projection:
    """Maps lon/lat (degrees) to viewBox units: x to the east, y down."""

    west: float
    north: float
    x_scale: float
    y_scale: float
    width: float
    height: float
    padding: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.padding + (lon - self.west) * self.x_scale,
            self.padding + (self.north - lat) * self.y_scale,
        )


@dataclass(frozen=True)
class Shape:
    """One wijk, ready to draw."""

    slug: str
    name: str
    url: str
    path: str
    district_slug: str = ""
    district_name: str = ""
    colour: int | None = None  # 1..COLOURS, from the district


@dataclass(frozen=True)
class LegendEntry:
    slug: str
    name: str
    colour: int


@dataclass(frozen=True)
class Marker:
    """A place on the map: a link with an accessible name."""

    url: str
    name: str
    lon: float
    lat: float
    description: str = ""  # e.g. the kind of place, added to the tooltip


@dataclass(frozen=True)
class MapData:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    legend: tuple[LegendEntry, ...]
    projection: Projection | None = None  # to draw markers on the map


def _polygons(geometry: Mapping | None) -> list:
    """The polygons (lists of rings of [lon, lat]) of a GeoJSON Polygon or MultiPolygon."""
    if not geometry:
        return []
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return [coordinates]
    if geometry.get("type") == "MultiPolygon":
        return list(coordinates)
    return []


def _ring_contains(ring, x: float, y: float) -> bool:
    """Ray casting: whether (x, y) is inside the closed ring (points on the edge count as
    inside or outside arbitrarily, which at the scale of a street does not matter)."""
    inside = False
    points = [(p[0], p[1]) for p in ring]
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y):
            crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing:
                inside = not inside
    return inside


def contains(geometry: Mapping | None, lon: float, lat: float) -> bool:
    """Whether the point lies inside a GeoJSON Polygon or MultiPolygon (holes excluded). Pure."""
    for polygon in _polygons(geometry):
        if not polygon or not _ring_contains(polygon[0], lon, lat):
            continue
        if not any(_ring_contains(hole, lon, lat) for hole in polygon[1:]):
            return True
    return False


def interior_point(geometry: Mapping | None, steps: int = 24) -> tuple[float, float] | None:
    """A point (lon, lat) inside the geometry, near the middle of its bounding box: for demo
    and bench data that must lie in its wijk. Pure; None for an empty geometry."""
    points = [(lon, lat) for polygon in _polygons(geometry) for ring in polygon[:1] for lon, lat, *_r in ring]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    middle = ((west + east) / 2, (south + north) / 2)
    candidates = [
        (west + (east - west) * (i + 0.5) / steps, south + (north - south) * (j + 0.5) / steps)
        for i in range(steps)
        for j in range(steps)
    ]
    candidates.sort(key=lambda p: (p[0] - middle[0]) ** 2 + (p[1] - middle[1]) ** 2)
    return next((p for p in candidates if contains(geometry, *p)), None)


def fit(geometries: Iterable[Mapping | None], width: float = WIDTH, padding: float = PADDING) -> Projection:
    """The projection that fits all geometries into a viewBox `width` units wide."""
    lons, lats = [], []
    for geometry in geometries:
        for polygon in _polygons(geometry):
            for ring in polygon:
                for lon, lat, *_rest in ring:
                    lons.append(lon)
                    lats.append(lat)
    if not lons:
        raise ValueError("no coordinates to fit")
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    x_stretch = math.cos(math.radians((north + south) / 2))
    span = (east - west) * x_stretch or (north - south) or 1.0
    scale = (width - 2 * padding) / span
    height = round((north - south) * scale + 2 * padding, PRECISION)
    return Projection(west, north, scale * x_stretch, scale, width, height, padding)


def _number(value: float) -> str:
    text = f"{value:.{PRECISION}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def path_data(geometry: Mapping | None, projection: Projection) -> str:
    """SVG path data for a Polygon or MultiPolygon: one closed subpath per ring.

    Points that round to the same position as the previous one are dropped; holes are
    subpaths too (the map draws with `fill-rule: evenodd`)."""
    subpaths = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            points = []
            for lon, lat, *_rest in ring:
                x, y = projection(lon, lat)
                point = f"{_number(x)},{_number(y)}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3:
                subpaths.append("M" + " ".join(points) + "Z")
    return "".join(subpaths)


def build_map(wijken: Sequence[Mapping], width: float = WIDTH) -> MapData:
    """Project wijken into map shapes. Pure: `wijken` are mappings with `slug`, `name`, `url`,
    `boundary` (GeoJSON) and optionally `district_slug`, `district_name`.

    Districts get colours 1..8 in the order of their names (wrapping after 8); wijken without
    a boundary are left out; shapes are in the order given (the links' tab order)."""
    drawable = [w for w in wijken if _polygons(w.get("boundary"))]
    if not drawable:
        return MapData(width, 0, (), ())
    projection = fit((w["boundary"] for w in drawable), width=width)
    districts = sorted(
        {(w.get("district_name") or "", w.get("district_slug") or "") for w in drawable if w.get("district_slug")}
    )
    colours = {slug: index % COLOURS + 1 for index, (_name, slug) in enumerate(districts)}
    shapes = []
    for w in drawable:
        path = path_data(w["boundary"], projection)
        if not path:
            continue  # too small to draw at this scale
        shapes.append(
            Shape(
                slug=w["slug"],
                name=w["name"],
                url=w["url"],
                path=path,
                district_slug=w.get("district_slug") or "",
                district_name=w.get("district_name") or "",
                colour=colours.get(w.get("district_slug") or ""),
            )
        )
    legend = tuple(LegendEntry(slug=slug, name=name, colour=colours[slug]) for name, slug in districts)
    return MapData(projection.width, projection.height, tuple(shapes), legend, projection)


def render_svg(
    data: MapData,
    *,
    title: str,
    title_id: str,
    highlight: Iterable[str] = (),
    current: str | None = None,
    colour_by_district: bool = True,
    markers: Sequence[Marker] = (),
) -> SafeString:
    """The SVG markup of a map: each wijk a link with an accessible name.

    `highlight`: slugs of the wijken to mark (class `wijk-highlight`, drawn again on top as a
    non-interactive outline so that its border is not hidden by its neighbours);
    `current`: the slug of the wijk whose page this is (`aria-current="page"`);
    `colour_by_district`: class `district-N` on each wijk with a district;
    `markers`: places drawn on top, each a link (`place-marker`) with its name as accessible name."""
    highlight = set(highlight)
    parts = [
        format_html(
            '<svg class="wijk-map{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'aria-labelledby="{}"><title id="{}">{}</title>',
            " wijk-map-highlighting" if highlight else "",
            _number(data.width),
            _number(data.height),
            title_id,
            title_id,
            title,
        ),
        # Presentation attributes: a readable map when the stylesheet does not load. Any rule
        # in map.css wins over them; they are not style attributes, so the CSP allows them.
        '<g class="wijk-map-shapes" fill="#dfe6ee" stroke="#1a1a1a" stroke-width="1" '
        'stroke-linejoin="round" fill-rule="evenodd">',
    ]
    outlines = []
    for shape in data.shapes:
        classes = ["wijk-link"]
        if colour_by_district and shape.colour:
            classes.append(f"district-{shape.colour}")
        if shape.slug in highlight:
            classes.append("wijk-highlight")
            outlines.append(shape.path)
        tooltip = shape.name
        if shape.district_name:
            tooltip = _("%(wijk)s – %(district)s") % {"wijk": shape.name, "district": shape.district_name}
        parts.append(
            '<a href="{url}" class="{classes}" aria-label="{name}"{current}><title>{tooltip}</title>'
            '<path class="wijk-shape" d="{path}"/></a>'.format(
                url=escape(shape.url),
                classes=" ".join(classes),
                name=escape(shape.name),
                current=' aria-current="page"' if shape.slug == current else "",
                tooltip=escape(tooltip),
                path=shape.path,
            )
        )
    parts.append("</g>")
    if outlines:
        parts.append('<g class="wijk-outlines" aria-hidden="true" fill="none" stroke="#1a1a1a" stroke-width="2">')
        parts.extend(f'<path class="wijk-outline" d="{path}"/>' for path in outlines)
        parts.append("</g>")
    if markers and data.projection is not None:
        parts.append('<g class="place-markers" fill="#ffffff" stroke="#1a1a1a" stroke-width="2">')
        for marker in markers:
            x, y = data.projection(marker.lon, marker.lat)
            tooltip = f"{marker.name} ({marker.description})" if marker.description else marker.name
            parts.append(
                f'<a href="{escape(marker.url)}" class="place-link" aria-label="{escape(tooltip)}"><title>{escape(tooltip)}</title>'
                f'<circle class="place-marker" cx="{_number(x)}" cy="{_number(y)}" r="6"/></a>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    # Every value above is escaped or generated here.
    return mark_safe("".join(parts))


# The database and cache layer.


def _new_version() -> str:
    return uuid.uuid4().hex


def invalidate() -> None:
    """Forget the cached map: call after changing wijken or districts in bulk.

    Saving or deleting one wijk or district does it through signals (apps.py). The version
    changes now (this process sees the change at once) and again after the transaction
    commits (no other process can have cached the old data under the new version)."""
    cache.set(VERSION_KEY, _new_version(), None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, _new_version(), None))


def _version() -> str:
    """The version of the map data: `invalidate()`'s, and the versions of the wijken's and
    districts' tables (genk.core.pagecache: any write, also `QuerySet.update()` or raw SQL)."""
    from genk.core import pagecache

    tables = (pagecache.table("neighbourhoods.neighbourhood"), pagecache.table("neighbourhoods.district"))
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _new_version()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return f"{version}.{pagecache.joined(pagecache.tokens(*tables))}"


def load_map_data() -> MapData:
    """The wijken from the database, projected: one query."""
    from .models import Neighbourhood

    wijken = [
        {
            "slug": wijk.slug,
            "name": wijk.name,
            "url": wijk.get_absolute_url(),
            "boundary": wijk.boundary,
            "district_slug": wijk.district.slug if wijk.district else "",
            "district_name": wijk.district.name if wijk.district else "",
        }
        for wijk in Neighbourhood.objects.with_district()
        .exclude(boundary__isnull=True)
        .only("slug", "name", "boundary", "district__slug", "district__name")
        .order_by("name")
    ]
    return build_map(wijken)


# The last map data this process used, with its version: a page that shows the map and its
# legend, and every later page until something changes, reads only the version from the cache.
_last: tuple[str, MapData] | None = None


def map_data() -> MapData:
    """The projected wijken: from this process's memory or the cache when they have not
    changed since (a cache read of the version), else from the database (one query)."""
    global _last
    version = _version()
    last = _last
    if last is not None and last[0] == version:
        return last[1]
    key = f"neighbourhoods:map:{version}"
    data = cache.get(key)
    if data is None or (data.shapes and getattr(data, "projection", None) is None):
        data = load_map_data()
        cache.set(key, data, CACHE_TIMEOUT)
    _last = (version, data)
    return data


def stylesheet_link(request=None) -> SafeString:
    """The `<link>` to map.css. Remembers on the request that the page has it."""
    if request is not None:
        request._neighbourhood_map_css = True
    return format_html('<link rel="stylesheet" href="{}">', static("neighbourhoods/map.css"))


def _next_id(request) -> str:
    if request is None:
        return f"wijkenkaart-{uuid.uuid4().hex[:8]}"
    number = getattr(request, "_neighbourhood_map_count", 0) + 1
    request._neighbourhood_map_count = number
    return "wijkenkaart" if number == 1 else f"wijkenkaart-{number}"


def place_markers(places) -> list[Marker]:
    """Markers for the places that have a point (Place objects)."""
    return [
        Marker(
            url=place.get_absolute_url(),
            name=place.name,
            lon=float(place.longitude),
            lat=float(place.latitude),
            description=str(place.get_kind_display()),
        )
        for place in places
        if place.latitude is not None and place.longitude is not None
    ]


def neighbourhood_map(
    highlight=None,
    *,
    colour_by_district: bool | None = None,
    label: str = "",
    request=None,
    places=(),
):
    """The map of all wijken, for a template (see templatetags/neighbourhood_maps.py).

    `highlight` is a Neighbourhood (marked, and `aria-current="page"`: use it on that wijk's
    page), a District (its wijken marked), or an iterable of Neighbourhoods. Coloured by
    district unless something is highlighted. The first map on a page also links map.css
    when the page's head did not (`{% neighbourhood_map_stylesheet %}`). `places` (Place objects)
    are drawn as markers, each a link to the place's page: give the page a list of them too."""
    from .models import District, Neighbourhood

    data = map_data()
    if not data.shapes:
        return format_html(
            '<p class="wijk-map-empty">{}</p>', _("De kaart is nog niet beschikbaar: de wijken zijn nog niet geladen.")
        )
    slugs, current = set(), None
    title = _("Kaart van de wijken van Genk")
    if isinstance(highlight, Neighbourhood):
        slugs, current = {highlight.slug}, highlight.slug
        title = _("Kaart van de wijken van Genk, met %(wijk)s gemarkeerd") % {"wijk": highlight.name}
    elif isinstance(highlight, District):
        slugs = {shape.slug for shape in data.shapes if shape.district_slug == highlight.slug}
        title = _("Kaart van de wijken van Genk, met de wijken van %(district)s gemarkeerd") % {
            "district": highlight.name
        }
    elif highlight:
        slugs = {wijk.slug for wijk in highlight}
    if colour_by_district is None:
        colour_by_district = not slugs
    css = ""
    if request is None or not getattr(request, "_neighbourhood_map_css", False):
        # A <link rel="stylesheet"> is allowed in the body (it is "body-ok" in HTML).
        css = stylesheet_link(request)
    title_id = _next_id(request)
    svg = render_svg(
        data,
        title=label or title,
        title_id=title_id,
        highlight=slugs,
        current=current,
        colour_by_district=colour_by_district,
        markers=place_markers(places),
    )
    # Keyboard users can jump over the map's links; the page lists the same wijken.
    return format_html(
        '{}<div class="wijk-map-frame"><a class="wijk-map-skip" href="#{}-na">{}</a>{}'
        '<span id="{}-na" class="wijk-map-after" tabindex="-1"></span></div>',
        css,
        title_id,
        _("Kaart overslaan"),
        svg,
        title_id,
    )


def legend() -> tuple[LegendEntry, ...]:
    """The districts on the map with their colour number, for a legend."""
    return map_data().legend

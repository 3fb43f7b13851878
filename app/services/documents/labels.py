"""A sheet of QR asset labels as a PDF, for the chosen assets (by tag, by kind, or all)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound
from app.services.lookup import get_asset
from app.uow import Actor
from db.models import ASSET_KINDS, Asset
from db.places import Site
from printing.labels import AssetLabel, LabelTooSmall, get_template, label_payload
from printing.labels import render_labels as render_label_sheet


def render_labels(app_ctx: AppContext, tags: Iterable[str] | None = None,
                  kind: str | None = None, all_: bool = False, template: str | None = None,
                  start: int = 1, *, outline: bool = False) -> bytes:
    """A label sheet PDF for the chosen assets (by tag, by kind, or all but retired); by
    kind or all: of the desk's school (``[desk] site`` / ``--site``; ALL: every school)."""
    tag_list = [t for t in (tags or []) if t.strip()]
    chosen = sum([bool(tag_list), kind is not None, all_])
    if chosen != 1:
        raise InvalidInput("choose which labels to print: tags, a kind, or all")
    settings = app_ctx.settings
    try:
        t = get_template(template or settings.printing.label_template)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        assets: list[Asset]
        if tag_list:
            seen: set[int] = set()
            assets = []
            for tag in tag_list:
                asset = get_asset(uow, tag)
                if asset.id not in seen:
                    seen.add(asset.id)
                    assets.append(asset)
        else:
            q = select(Asset).where(Asset.status != "retired").order_by(Asset.tag_key)
            from app.services.site_scope import resolve_scope

            site_id = resolve_scope(uow).site_id  # the desk's school's (--site ALL: all)
            if site_id is not None:
                q = q.where(Asset.site_id == site_id)
            if kind is not None:
                if kind not in ASSET_KINDS:
                    raise InvalidInput(f"unknown kind {kind!r}: use one of "
                                       f"{', '.join(ASSET_KINDS)}")
                q = q.where(Asset.kind == kind)
            assets = list(uow.session.execute(q).scalars())
        if not assets:
            raise NotFound("no assets to label" + (f" of kind {kind}" if kind else ""))
        prefix = settings.scanner.prefix if settings.printing.label_use_prefix else ""
        # each label names the school the asset belongs to (the trust's desks share one
        # [school] name); one asset with no school yet: the [school] name setting
        schools = {i: n for i, n in uow.session.execute(select(Site.id, Site.name).where(
            Site.id.in_({a.site_id for a in assets if a.site_id is not None})))}
        labels = [AssetLabel(label_payload(a.tag, prefix), a.tag, a.kind,
                             schools.get(a.site_id or 0, settings.school.name))
                  for a in assets]
    try:
        return render_label_sheet(labels, t, start=start, outline=outline)
    except LabelTooSmall as exc:
        raise InvalidInput(str(exc)) from None
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def kit_label_text(members: int) -> str:
    """The line under a kit's tag on its label: what it is and how many things are in it."""
    return f"Kit of {members} item{'s' if members != 1 else ''}"


def render_kit_labels(app_ctx: AppContext, kit_tags: Iterable[str], template: str | None = None,
                      start: int = 1, *, outline: bool = False) -> bytes:
    """A label sheet PDF for kits: each label's QR code holds the kit's tag (scanned like an
    asset's), and names the kit and its member count."""
    from app.services.kits import get_kit, kit_member_count

    settings = app_ctx.settings
    try:
        t = get_template(template or settings.printing.label_template)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    prefix = settings.scanner.prefix if settings.printing.label_use_prefix else ""
    labels = []
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        for tag in (t for t in kit_tags if t.strip()):
            kit = get_kit(uow, tag)
            labels.append(AssetLabel(label_payload(kit.tag, prefix), kit.tag,
                                     kit_label_text(kit_member_count(uow, kit.id)), kit.name))
    if not labels:
        raise InvalidInput("name the kits to label")
    try:
        return render_label_sheet(labels, t, start=start, outline=outline)
    except ValueError as exc:  # LabelTooSmall included
        raise InvalidInput(str(exc)) from None


def render_location_labels(app_ctx: AppContext, codes: Iterable[str], template: str | None = None,
                           start: int = 1, *, outline: bool = False) -> bytes:
    """A label sheet PDF for locations (rooms, cupboards, trolleys): the QR code holds the
    location's code, so a stocktake can start by scanning the room's label."""
    from app.services.places import get_location
    from db.places import Site

    settings = app_ctx.settings
    try:
        t = get_template(template or settings.printing.label_template)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    wanted = [c for c in codes if c.strip()]
    if not wanted:
        raise InvalidInput("name the locations to label")
    prefix = settings.scanner.prefix if settings.printing.label_use_prefix else ""
    labels: list[AssetLabel] = []
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        seen: set[int] = set()
        for code in wanted:
            loc = get_location(uow, code)
            if loc.id in seen:
                continue
            seen.add(loc.id)
            site = uow.session.get(Site, loc.site_id)
            labels.append(AssetLabel(label_payload(loc.code, prefix), loc.code, loc.kind,
                                     site.name if site is not None else settings.school.name,
                                     kind_text=f"{loc.kind.capitalize()} · {loc.name}"))
    try:
        return render_label_sheet(labels, t, start=start, outline=outline)
    except ValueError as exc:  # LabelTooSmall too
        raise InvalidInput(str(exc)) from None

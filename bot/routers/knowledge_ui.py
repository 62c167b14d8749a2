"""Knowledge screens: topic lists, cards, sources, "not what I asked", numbers and regions."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardCb, NavCb, RegionCb
from bot.context import App
from bot.keyboards import buttons_kb, safety_row, with_safety
from bot.render import send_card
from bot.texts import text

router = Router(name=__name__)
TOPICS = {
    "rights": (
        "laws_penalties",
        "report_police",
        "protection_order",
        "evidence_medical",
        "family_law",
        "is_it_abuse",
    ),
}


def _lang(app: App) -> str:
    locale = app.i18n.current_locale
    return locale if locale in ("kk", "ru") else app.settings.default_lang


def card_list_kb(app: App, intents: tuple[str, ...], lang: str) -> InlineKeyboardMarkup:
    """One button per card of the given intents."""
    builder = InlineKeyboardBuilder()
    for intent in intents:
        for card in app.kb.cards_for_intent(intent):
            builder.row(
                InlineKeyboardButton(
                    text=card.title[lang][:60], callback_data=CardCb(id=card.id).pack()
                )
            )
    builder.row(*safety_row())
    return builder.as_markup()


@router.callback_query(NavCb.filter(F.to.in_(set(TOPICS))))
async def topic_list(query: CallbackQuery, callback_data: NavCb, app: App) -> None:
    """List the cards of a topic."""
    await app.sender(query.answer())
    lang = _lang(app)
    await app.sender.text(
        query.from_user.id,
        text(f"topic_{callback_data.to}"),
        reply_markup=card_list_kb(app, TOPICS[callback_data.to], lang),
    )


@router.callback_query(CardCb.filter(F.view == "show"))
async def show_card(query: CallbackQuery, callback_data: CardCb, app: App) -> None:
    """Show a card from a button."""
    await app.sender(query.answer())
    if callback_data.id not in {c.id for c in app.kb.cards}:
        await app.sender.text(query.from_user.id, text("stale_button"))
        return
    await send_card(app, query.from_user.id, callback_data.id, _lang(app), False)


@router.callback_query(CardCb.filter(F.view == "src"))
async def sources(query: CallbackQuery, callback_data: CardCb, app: App) -> None:
    """List a card's sources."""
    await app.sender(query.answer())
    try:
        card = app.kb.card(callback_data.id)
    except KeyError:
        await app.sender.text(query.from_user.id, text("stale_button"))
        return
    lines = [escape(line) for line in app.kb.sources_for(card, _lang(app))]
    body = text("sources_title") + "\n" + "\n".join(f"• {line}" for line in lines)
    await app.sender.text(query.from_user.id, body, reply_markup=buttons_kb(["menu"]))


@router.callback_query(CardCb.filter(F.view == "alt"))
async def not_this(query: CallbackQuery, app: App, state: FSMContext) -> None:
    """Offer the next cards for the last question, or a person."""
    await app.sender(query.answer())
    data = await state.get_data()
    alts = [a for a in data.get("alternatives", []) if a in {c.id for c in app.kb.cards}]
    if not alts:
        await app.sender.text(
            query.from_user.id, text("no_more_cards"), reply_markup=buttons_kb(["human", "menu"])
        )
        return
    lang = data.get("card_lang") or _lang(app)
    builder = InlineKeyboardBuilder()
    for card_id in alts:
        title = app.kb.card(card_id).title[lang][:60]
        builder.row(InlineKeyboardButton(text=title, callback_data=CardCb(id=card_id).pack()))
    builder.row(
        InlineKeyboardButton(text=text_button("human"), callback_data=NavCb(to="human").pack())
    )
    builder.row(*safety_row())
    await app.sender.text(
        query.from_user.id, text("other_answers"), reply_markup=builder.as_markup()
    )


def text_button(key: str) -> str:
    """A button label (imported lazily to keep this module's imports short)."""
    from bot.texts import button

    return button(key)


@router.callback_query(NavCb.filter(F.to == "hotlines"))
async def hotlines(query: CallbackQuery, app: App) -> None:
    """National numbers."""
    await app.sender(query.answer())
    await app.sender.text(
        query.from_user.id,
        services_text(app, None, _lang(app)),
        reply_markup=buttons_kb(["region", "human"]),
    )


@router.callback_query(NavCb.filter(F.to == "region"))
async def regions(query: CallbackQuery, app: App) -> None:
    """Choose a region."""
    await app.sender(query.answer())
    lang = _lang(app)
    builder = InlineKeyboardBuilder()
    for region in app.kb.regions():
        builder.button(text=region.name[lang], callback_data=RegionCb(id=region.id).pack())
    builder.adjust(2)
    await app.sender.text(
        query.from_user.id, text("choose_region"), reply_markup=with_safety(builder.export())
    )


@router.callback_query(RegionCb.filter())
async def region_services(query: CallbackQuery, callback_data: RegionCb, app: App) -> None:
    """What is known for the region, always with 111 and 102/112."""
    await app.sender(query.answer())
    try:
        body = services_text(app, callback_data.id, _lang(app))
    except KeyError:
        body = text("stale_button")
    await app.sender.text(query.from_user.id, body, reply_markup=buttons_kb(["human", "menu"]))


def services_text(app: App, region_id: str | None, lang: str) -> str:
    """Numbers as HTML lines; regional centres when verified ones exist."""
    services = app.kb.services_for(region_id)
    lines = [text("numbers_title")]
    for item in services:
        hours = f" · {escape(item.hours)}" if item.hours else ""
        free = f" · {text('free')}" if item.free else ""
        phone = f"<b>{escape(item.phone)}</b> " if item.phone else ""
        lines.append(f"• {phone}{escape(item.name[lang])}{hours}{free}")
    if region_id and not [s for s in services if s.region == region_id]:
        lines.append("\n" + text("region_no_centres"))
    return "\n".join(lines)

"""Carry out dialog actions as Telegram calls (the only place actions meet aiogram)."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import CardCb
from bot.context import App
from bot.db.repos.users import UserRepo
from bot.keyboards import buttons_kb, nav, with_safety
from bot.services.emergency import emergency, send_emergency
from bot.services.escalation import escalate
from bot.texts import button, text
from dialogs.actions import (
    Action,
    CountMisunderstanding,
    Emergency,
    Escalate,
    RelayToStaff,
    Reply,
    ResetMisunderstanding,
    ShowCard,
    StartSafeContact,
)
from knowledge import Card


@dataclass
class Ctx:
    """Where the actions apply."""

    app: App
    session: AsyncSession
    message: Message
    lang: str
    state: FSMContext


async def execute(ctx: Ctx, actions: list[Action]) -> None:
    """Run the actions in order (the policy already put safety first)."""
    for action in actions:
        await _one(ctx, action)


async def _one(ctx: Ctx, action: Action) -> None:
    app, chat_id = ctx.app, ctx.message.chat.id
    match action:
        case Emergency(intent=intent, repeat=True):
            await send_emergency(app, chat_id, intent, ctx.lang, repeat=True)
        case Emergency(intent=intent):
            await emergency(app, ctx.session, chat_id, intent, ctx.lang)
        case Escalate(priority=priority, reason=reason):
            await escalate(app, ctx.session, chat_id, ctx.lang, priority, reason)
            from bot.desk.relay import relay_user_message

            # Staff see the words that raised the case (copied once, into its topic).
            await relay_user_message(app, ctx.session, ctx.message)
        case Reply(key=key, params=params, buttons=keys):
            await app.sender.text(chat_id, text(key, **params), reply_markup=buttons_kb(keys))
        case ShowCard(card_id=card_id, alternatives=alts):
            await ctx.state.update_data(alternatives=list(alts), card_lang=ctx.lang)
            await ctx.session.commit()  # durable before the card goes out
            await send_card(app, chat_id, card_id, ctx.lang, bool(alts))
        case RelayToStaff():
            from bot.desk.relay import relay_user_message

            await relay_user_message(app, ctx.session, ctx.message)
        case StartSafeContact():
            from bot.desk.safe_contact import start_safe_contact

            await start_safe_contact(app, ctx.session, chat_id, ctx.lang, reason="talk_to_human")
        case CountMisunderstanding():
            info = await UserRepo(ctx.session).ensure(chat_id)
            await UserRepo(ctx.session).set(chat_id, misunderstood=info.misunderstood + 1)
        case ResetMisunderstanding():
            await UserRepo(ctx.session).set(chat_id, misunderstood=0)


async def send_card(app: App, chat_id: int, card_id: str, lang: str, has_alts: bool) -> None:
    """A knowledge card as safe HTML, split at Telegram's limit, with its buttons."""
    from knowledge.render import card_html, split_html

    card = app.kb.card(card_id)
    with app.i18n.use_locale(lang):
        body = card_html(card, lang)
        if not card.reviewed:
            body += "\n\n<i>" + text("needs_review") + "</i>"
        parts = split_html(body, limit=4096)
        for part in parts[:-1]:
            await app.sender.text(chat_id, part)
        await app.sender.text(chat_id, parts[-1], reply_markup=card_kb(card, has_alts))


def card_kb(card: Card, has_alts: bool) -> InlineKeyboardMarkup:
    """Sources, "not what I asked", the card's follow-ups, SOS and quick exit."""
    row = [
        InlineKeyboardButton(
            text=button("sources"), callback_data=CardCb(id=card.id, view="src").pack()
        )
    ]
    if has_alts:
        row.append(
            InlineKeyboardButton(
                text=button("not_this"), callback_data=CardCb(id=card.id, view="alt").pack()
            )
        )
    follow = [nav(f) for f in followup_keys(card)][:3]
    return with_safety([row, follow])


def followup_keys(card: Card) -> list[str]:
    """The navigation buttons a card asks for (``action:...`` follow-ups)."""
    keys = [str(item).removeprefix("action:") for item in card.followups]
    known = [k for k in keys if k in FOLLOWUPS]
    return known or ["menu"]


FOLLOWUPS = (
    "human", "safety_plan", "hotlines", "region", "menu", "youth", "rights", "privacy", "exit"
)

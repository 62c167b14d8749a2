"""Safety plan: priorities, sections with tick boxes and notes, view, checklist, file, delete."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import App
from bot.db.base import utcnow
from bot.safety import pdf
from bot.safety.common import PlanCb, SafeNav, back_row, btn, kb, lang_of, send_file, show
from bot.safety.repo import SafetyRepo
from bot.safety.texts import b, t
from dialogs import safety_plan as logic

router = Router(name=__name__)


class PlanSG(StatesGroup):
    """Waiting for the text of a section note."""

    note = State()


async def _load(app: App, session: AsyncSession, user_id: int) -> dict[str, Any] | None:
    return await SafetyRepo(session, app.cipher).get(user_id, "plan")


async def _save(app: App, session: AsyncSession, user_id: int, plan: dict[str, Any]) -> None:
    await SafetyRepo(session, app.cipher).put(user_id, "plan", plan)
    await session.commit()


@router.callback_query(SafeNav.filter(F.to == "plan"))
@router.callback_query(PlanCb.filter(F.do == "open"))
async def open_plan(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """Start, resume where the user stopped, or show the finished plan."""
    await app.sender(query.answer())
    user_id = query.from_user.id
    plan = await _load(app, session, user_id)
    if plan is None:
        screen = await SafetyRepo(session, app.cipher).get(user_id, "screen") or {}
        plan = logic.new_plan("high" if screen.get("level") == "high" else None)
        await _save(app, session, user_id, plan)
    await resume(app, user_id, plan)


async def _send(app: App, user_id: int, screen: tuple[str, Any]) -> None:
    body, markup = screen
    await app.sender.text(user_id, body, reply_markup=markup)


async def resume(app: App, user_id: int, plan: dict[str, Any]) -> None:
    """Send the screen that matches the plan's saved position."""
    if plan.get("done"):
        await send_view(app, user_id, plan)
    elif plan.get("step") == "section":
        await _send(app, user_id, section_screen(app, plan))
    else:
        await _send(app, user_id, priorities_screen(app, plan))


def priorities_screen(app: App, plan: dict[str, Any]) -> tuple[str, Any]:
    """Priority buttons numbered in the order chosen."""
    cat, lang = logic.load_catalogue(), lang_of(app)
    chosen = plan.get("priorities", [])
    rows = []
    for pid, label in cat.priorities:
        mark = f"{chosen.index(pid) + 1}. " if pid in chosen else ""
        rows.append([btn(mark + label[lang], PlanCb(do="prio", arg=pid))])
    rows.append([btn(b("next"), PlanCb(do="prio_done"))])
    return t("plan_priorities"), kb([*rows, back_row()])


def section_screen(app: App, plan: dict[str, Any]) -> tuple[str, Any]:
    """A section's items with tick boxes; number buttons tick, then back / note / next."""
    cat, lang = logic.load_catalogue(), lang_of(app)
    section = logic.current_section(plan, cat)
    assert section is not None
    checked = set(plan.get("checked", []))
    lines, ticks = [], []
    for n, item in enumerate(section.items, 1):
        box = "☑" if item.id in checked else "☐"
        lines.append(f"{box} {n}. {escape(item.text[lang])}")
        ticks.append(btn(f"{box} {n}", PlanCb(do="item", arg=item.id)))
    note = plan.get("notes", {}).get(section.id)
    if note:
        lines.append("✎ " + escape(note))
    total = len(logic.build(plan, cat))
    body = t(
        "plan_section",
        title=escape(section.title[lang]),
        i=plan["section"] + 1,
        n=total,
        items="\n".join(lines),
    )
    nav_row = [
        btn(b("back"), PlanCb(do="prev")),
        btn(b("note"), PlanCb(do="note")),
        btn(b("next"), PlanCb(do="next")),
    ]
    rows = [ticks[i : i + 5] for i in range(0, len(ticks), 5)]
    return body, kb([*rows, nav_row, back_row()])


@router.callback_query(PlanCb.filter(F.do.in_({"prio", "prio_done", "edit"})))
async def priorities(
    query: CallbackQuery, callback_data: PlanCb, app: App, session: AsyncSession
) -> None:
    """Choose priorities (in order), then go to the first section."""
    await app.sender(query.answer())
    user_id, cat = query.from_user.id, logic.load_catalogue()
    plan = await _load(app, session, user_id) or logic.new_plan()
    if callback_data.do == "prio" and callback_data.arg in cat.priority_ids():
        plan = logic.toggle_priority(plan, callback_data.arg, cat)
    elif callback_data.do == "prio_done":
        plan = logic.start_sections(plan)
    else:
        plan = {**plan, "step": "priorities"}
    await _save(app, session, user_id, plan)
    if plan["step"] == "section":
        if plan.get("danger") == "high":
            await app.sender.text(user_id, t("plan_danger_first"))
        await _send(app, user_id, section_screen(app, plan))
    else:
        await show(app, query, *priorities_screen(app, plan))


@router.callback_query(PlanCb.filter(F.do.in_({"item", "next", "prev", "sec"})))
async def move(
    query: CallbackQuery,
    callback_data: PlanCb,
    app: App,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    """Tick an item, or go to the next / previous / chosen section."""
    await app.sender(query.answer())
    await state.set_state(None)  # a note not written is dropped, not attached elsewhere
    user_id, cat = query.from_user.id, logic.load_catalogue()
    plan = await _load(app, session, user_id)
    if plan is None:
        await app.sender.text(user_id, t("plan_deleted"), reply_markup=kb([back_row()]))
        return
    try:
        plan = _step(plan, callback_data, cat)
    except KeyError:
        return  # a button from an older version of the plan
    await _save(app, session, user_id, plan)
    if plan["step"] == "section":
        await show(app, query, *section_screen(app, plan))
    elif plan["step"] == "priorities":
        await show(app, query, *priorities_screen(app, plan))
    else:
        await send_view(app, user_id, plan)


def _step(plan: dict[str, Any], cb: PlanCb, cat: logic.Catalogue) -> dict[str, Any]:
    if cb.do == "item":
        return logic.toggle_item(plan, cb.arg, cat)
    if cb.do == "sec":
        return logic.goto_section(plan, cb.arg, cat)
    return logic.advance(plan, cat) if cb.do == "next" else logic.back(plan)


@router.callback_query(PlanCb.filter(F.do == "note"))
async def ask_note(query: CallbackQuery, app: App, state: FSMContext) -> None:
    """Wait for the note text (the urgent guard still screens it first)."""
    await app.sender(query.answer())
    await state.set_state(PlanSG.note)
    await app.sender.text(query.from_user.id, t("plan_note_prompt"), reply_markup=kb([back_row()]))


@router.message(PlanSG.note, F.text, ~F.text.startswith("/"))
async def save_note(message: Message, app: App, session: AsyncSession, state: FSMContext) -> None:
    """Store the note on the current section and show the section again."""
    user_id, cat = message.chat.id, logic.load_catalogue()
    plan = await _load(app, session, user_id)
    section = logic.current_section(plan, cat) if plan else None
    await state.set_state(None)
    if plan is None or section is None:
        await app.sender.text(user_id, t("plan_deleted"), reply_markup=kb([back_row()]))
        return
    plan = logic.set_note(plan, section.id, message.text or "")
    await _save(app, session, user_id, plan)
    await app.sender.delete(user_id, [message.message_id])  # stored encrypted; not in the chat
    await app.sender.text(user_id, t("plan_note_saved"))
    await _send(app, user_id, section_screen(app, plan))


async def send_view(app: App, user_id: int, plan: dict[str, Any]) -> None:
    """The whole plan with tick marks, and what can be done with it."""
    cat, lang = logic.load_catalogue(), lang_of(app)
    done, total = logic.progress(plan, cat)
    parts = [
        f"<b>{escape(title)}</b>\n" + "\n".join(escape(line) for line in lines)
        for title, lines in logic.outline(plan, cat, lang)
    ]
    body = t("plan_view", done=done, total=total, body="\n\n".join(parts))
    await app.sender.text(user_id, body[:4000], reply_markup=plan_menu_kb())


def plan_menu_kb() -> Any:
    """View, checklist, priorities, file, delete."""
    return kb(
        [
            [btn(b("checklist"), PlanCb(do="checklist")), btn(b("edit"), PlanCb(do="edit"))],
            [btn(b("export"), PlanCb(do="export")), btn(b("delete"), PlanCb(do="delete"))],
            back_row(),
        ]
    )


@router.callback_query(PlanCb.filter(F.do.in_({"view", "checklist"})))
async def view(
    query: CallbackQuery, callback_data: PlanCb, app: App, session: AsyncSession
) -> None:
    """The plan text, or the list of sections to tick items in."""
    await app.sender(query.answer())
    plan = await _load(app, session, query.from_user.id)
    if plan is None:
        await app.sender.text(query.from_user.id, t("plan_deleted"), reply_markup=kb([back_row()]))
        return
    if callback_data.do == "view":
        await send_view(app, query.from_user.id, plan)
        return
    lang, cat = lang_of(app), logic.load_catalogue()
    rows = [[btn(s.title[lang], PlanCb(do="sec", arg=s.id))] for s in logic.build(plan, cat)]
    rows.append([btn(b("view"), PlanCb(do="view"))])
    await app.sender.text(
        query.from_user.id, t("plan_checklist"), reply_markup=kb([*rows, back_row()])
    )


@router.callback_query(PlanCb.filter(F.do == "export"))
async def export(query: CallbackQuery, app: App, session: AsyncSession) -> None:
    """The plan as a PDF with a neutral file name."""
    await app.sender(query.answer())
    plan = await _load(app, session, query.from_user.id)
    if plan is None:
        await app.sender.text(query.from_user.id, t("plan_deleted"), reply_markup=kb([back_row()]))
        return
    today = utcnow().date().isoformat()
    outline = logic.outline(plan, logic.load_catalogue(), lang_of(app))
    blocks = [pdf.Block(title, lines) for title, lines in outline]
    header = [t("pdf_made", date=today), t("pdf_plan_review")]
    data = pdf.render(t("pdf_plan_title"), header, blocks, [])
    await send_file(app, query.from_user.id, data, f"notes-{today}.pdf")


@router.callback_query(PlanCb.filter(F.do.in_({"delete", "delete_yes"})))
async def delete(
    query: CallbackQuery, callback_data: PlanCb, app: App, session: AsyncSession
) -> None:
    """Ask, then delete the plan."""
    await app.sender(query.answer())
    user_id = query.from_user.id
    if callback_data.do == "delete":
        rows = [[btn(b("yes_delete"), PlanCb(do="delete_yes")), btn(b("no"), PlanCb(do="view"))]]
        await app.sender.text(user_id, t("plan_delete_confirm"), reply_markup=kb(rows))
        return
    await SafetyRepo(session, app.cipher).delete(user_id, "plan")
    await session.commit()
    await show(app, query, t("plan_deleted"), kb([back_row()]))

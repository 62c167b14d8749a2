"use strict";
// Safe rendering of Telegram messages: text + entities become DOM nodes built with
// createElement/textContent only, so bot-supplied markup can never inject HTML.
// Only Telegram's formatting (b, i, u, s, a, code, pre, tg-spoiler, blockquote) is produced.

const ENTITY_TAGS = {
  bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code", pre: "pre",
  spoiler: "span", text_link: "a", url: "a", blockquote: "blockquote",
  expandable_blockquote: "blockquote",
};
const SAFE_URL = /^(https?:|tg:)/i;

function entityElement(entity, segmentText) {
  const tag = ENTITY_TAGS[entity.type];
  if (!tag) return null;
  const el = document.createElement(tag);
  if (entity.type === "spoiler") {
    el.className = "tg-spoiler";
    el.addEventListener("click", () => el.classList.add("revealed"));
  }
  if (tag === "a") {
    const href = entity.type === "url" ? segmentText : entity.url || "";
    if (SAFE_URL.test(href)) el.href = href;
    el.target = "_blank";
    el.rel = "noopener noreferrer";
  }
  return el;
}

// JS strings are UTF-16, the same unit Telegram uses for entity offsets.
function renderEntities(text, entities) {
  const frag = document.createDocumentFragment();
  const list = (entities || []).slice().sort((a, b) => a.offset - b.offset || b.length - a.length);
  const cuts = new Set([0, text.length]);
  for (const e of list) { cuts.add(e.offset); cuts.add(Math.min(e.offset + e.length, text.length)); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    let node = document.createTextNode(piece);
    const covering = list.filter((e) => e.offset <= start && e.offset + e.length >= end);
    for (const e of covering.reverse()) {
      const wrapper = entityElement(e, piece);
      if (wrapper) { wrapper.appendChild(node); node = wrapper; }
    }
    frag.appendChild(node);
  }
  return frag;
}

const SERVICE_TEXT = {
  forum_topic_created: (m) => `Topic created: ${m.forum_topic_created.name}`,
  forum_topic_edited: (m) => `Topic edited${m.forum_topic_edited.name ? ": " + m.forum_topic_edited.name : ""}`,
  forum_topic_closed: () => "Topic closed",
  forum_topic_reopened: () => "Topic reopened",
};

function fileUrl(fileId) { return `/_control/files/${encodeURIComponent(fileId)}`; }

function renderMedia(msg, box) {
  if (msg.photo) {
    const img = document.createElement("img");
    img.src = fileUrl(msg.photo[msg.photo.length - 1].file_id);
    img.alt = "photo";
    box.appendChild(img);
  } else if (msg.document) {
    const link = document.createElement("a");
    link.href = fileUrl(msg.document.file_id);
    link.target = "_blank";
    link.textContent = `📄 ${msg.document.file_name || "file"} (${msg.document.file_size} B)`;
    box.appendChild(link);
  } else if (msg.sticker) {
    box.appendChild(document.createTextNode(`${msg.sticker.emoji || "🙂"} sticker`));
  } else if (msg.voice) {
    box.appendChild(document.createTextNode(`🎤 voice message (${msg.voice.duration}s)`));
  } else if (msg.location) {
    box.appendChild(document.createTextNode(`📍 ${msg.location.latitude}, ${msg.location.longitude}`));
  } else if (msg.contact) {
    box.appendChild(document.createTextNode(`👤 ${msg.contact.first_name} ${msg.contact.phone_number}`));
  }
}

function renderKeyboard(markup, onPress) {
  const kb = document.createElement("div");
  kb.className = "kb";
  for (const row of (markup && markup.inline_keyboard) || []) {
    const rowEl = document.createElement("div");
    rowEl.className = "kb-row";
    for (const button of row) {
      let el;
      if (button.url && SAFE_URL.test(button.url)) {
        el = document.createElement("a");
        el.href = button.url; el.target = "_blank"; el.rel = "noopener noreferrer";
      } else {
        el = document.createElement("button");
        el.type = "button";
        if (button.callback_data) el.addEventListener("click", () => onPress(button.callback_data));
      }
      el.textContent = button.text;
      rowEl.appendChild(el);
    }
    kb.appendChild(rowEl);
  }
  return kb;
}

// Build one message bubble; `ownId` is whose messages count as "in" (right-aligned).
function renderMessage(msg, ownId, onPress) {
  const box = document.createElement("div");
  box.dataset.messageId = msg.message_id;
  if (msg.service) {
    box.className = "msg service";
    box.textContent = (SERVICE_TEXT[msg.service] || (() => msg.service))(msg);
    return box;
  }
  box.className = "msg " + (msg.from.id === ownId ? "in" : "out");
  if (msg.chat.type !== "private") {
    const sender = document.createElement("div");
    sender.className = "sender";
    sender.textContent = msg.from.first_name + (msg.from.is_bot ? " (bot)" : "");
    box.appendChild(sender);
  }
  renderMedia(msg, box);
  if (msg.text !== undefined) box.appendChild(renderEntities(msg.text, msg.entities));
  if (msg.caption) box.appendChild(renderEntities(msg.caption, msg.caption_entities));
  if (msg.reply_markup && msg.reply_markup.inline_keyboard) {
    box.appendChild(renderKeyboard(msg.reply_markup, onPress));
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  const flags = [new Date(msg.date * 1000).toLocaleTimeString()];
  if (msg.edit_date) flags.push("edited");
  if (msg.protect_content) flags.push("protected");
  if (msg.disable_notification) flags.push("silent");
  meta.textContent = flags.join(" · ");
  box.appendChild(meta);
  return box;
}

// Keyed update of a message list: unchanged bubbles stay, deleted ones fade out visibly.
function syncMessages(container, messages, build) {
  const existing = new Map([...container.children].map((el) => [el.dataset.messageId, el]));
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  const seen = new Set();
  let previous = null;
  for (const msg of messages) {
    const key = String(msg.message_id);
    const signature = JSON.stringify([msg.text, msg.caption, msg.entities, msg.reply_markup, msg.edit_date]);
    seen.add(key);
    let el = existing.get(key);
    if (!el || el.dataset.signature !== signature || el.classList.contains("vanishing")) {
      const fresh = build(msg);
      fresh.dataset.signature = signature;
      if (el) el.replaceWith(fresh); else container.insertBefore(fresh, previous ? previous.nextSibling : container.firstChild);
      el = fresh;
    }
    previous = el;
  }
  for (const [key, el] of existing) {
    if (!seen.has(key) && !el.classList.contains("vanishing")) {
      el.classList.add("vanishing");
      setTimeout(() => el.remove(), 600);
    }
  }
  if (atBottom) container.scrollTop = container.scrollHeight;
}

"use strict";
// Playground controller: talks only to the emulator's control API on the same origin.

const params = new URLSearchParams(location.search);
const state = {
  userId: Number(params.get("user") || 1001),
  forumId: Number(params.get("forum") || -1001000000001),
  thread: 0, // 0 = General
  seq: 0,
  staff: [],
};
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const resp = await fetch(`/_control${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await resp.json();
  if (!data.ok) throw new Error(data.description || `HTTP ${resp.status}`);
  return data.result;
}

function toast(text) {
  const el = $("toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 3500);
}

async function press(userId, chatId, messageId, data) {
  try { await api("POST", "/press", { user_id: userId, chat_id: chatId, message_id: messageId, data }); }
  catch (err) { toast(err.message); }
}

function staffId() { return Number($("staff-member").value); }

async function refreshUser() {
  const messages = await api("GET", `/chats/${state.userId}/messages`);
  syncMessages($("user-messages"), messages, (msg) => renderMessage(msg, state.userId,
    (data) => press(state.userId, state.userId, msg.message_id, data)));
  renderReplyKeyboard(messages);
}

function renderReplyKeyboard(messages) {
  const box = $("user-reply-keyboard");
  box.replaceChildren();
  const withMarkup = messages.filter((m) => m.sender_is_bot && m.reply_markup && !m.reply_markup.inline_keyboard);
  const last = withMarkup[withMarkup.length - 1];
  if (!last || !last.reply_markup.keyboard) return;
  for (const row of last.reply_markup.keyboard) {
    const rowEl = document.createElement("div");
    rowEl.className = "kb-row";
    for (const button of row) {
      const el = document.createElement("button");
      el.type = "button";
      el.textContent = typeof button === "string" ? button : button.text;
      el.addEventListener("click", () => sendUserText(el.textContent));
      rowEl.appendChild(el);
    }
    box.appendChild(rowEl);
  }
}

async function refreshTopics() {
  const topics = await api("GET", `/chats/${state.forumId}/topics`);
  const list = $("topics");
  list.replaceChildren();
  const entries = [{ message_thread_id: 0, name: "General", icon_color: 0x8a96a3 }, ...topics.filter((t) => !t.deleted)];
  if (!entries.some((t) => t.message_thread_id === state.thread)) state.thread = 0;
  for (const topic of entries) {
    const li = document.createElement("li");
    li.dataset.threadId = topic.message_thread_id;
    li.className = (topic.message_thread_id === state.thread ? "selected " : "") + (topic.closed ? "closed" : "");
    const dot = document.createElement("span");
    dot.className = "dot";
    dot.style.background = "#" + topic.icon_color.toString(16).padStart(6, "0");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = topic.name;
    li.append(dot, name);
    if (topic.closed) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = "closed";
      li.appendChild(badge);
    }
    li.addEventListener("click", () => { state.thread = topic.message_thread_id; $("staff-messages").replaceChildren(); refreshStaff(); });
    list.appendChild(li);
  }
  const current = entries.find((t) => t.message_thread_id === state.thread);
  $("thread-title").textContent = current ? current.name + (current.closed ? " (closed)" : "") : "General";
}

async function refreshStaff() {
  await refreshTopics();
  const messages = await api("GET", `/chats/${state.forumId}/messages?thread_id=${state.thread}`);
  syncMessages($("staff-messages"), messages, (msg) => renderMessage(msg, staffId(),
    (data) => press(staffId(), state.forumId, msg.message_id, data)));
}

async function refreshAll() {
  await Promise.all([refreshUser(), refreshStaff()]);
}

async function sendUserText(text) {
  try { await api("POST", "/messages", { user_id: state.userId, chat_id: state.userId, text }); }
  catch (err) { toast(err.message); }
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1]);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function sendUserFile(file) {
  const data = await readBase64(file);
  const isPhoto = /^image\/(png|jpeg)$/.test(file.type);
  const body = { user_id: state.userId, chat_id: state.userId, file_name: file.name, mime_type: file.type };
  body[isPhoto ? "photo" : "document"] = data;
  try { await api("POST", "/messages", body); } catch (err) { toast(err.message); }
}

async function loadWorld() {
  const chats = await api("GET", "/chats");
  const forum = chats.find((c) => c.id === state.forumId);
  const user = chats.find((c) => c.id === state.userId);
  $("forum-title").textContent = forum ? forum.title : "(no forum)";
  $("user-name").textContent = user ? user.first_name : "(no user)";
  const members = forum ? await api("GET", `/chats/${state.forumId}/members`) : [];
  const select = $("staff-member");
  select.replaceChildren();
  for (const member of members) {
    const option = document.createElement("option");
    option.value = member.user.id;
    option.textContent = member.user.first_name;
    select.appendChild(option);
  }
  const st = await api("GET", "/state");
  const me = st.users.find((u) => u.id === state.userId);
  if (me && me.language_code) $("user-lang").value = me.language_code;
}

const RELEVANT = new Set(["message", "edit", "delete", "topic", "chat", "pin"]);

async function eventLoop() {
  for (;;) {
    try {
      const result = await api("GET", `/events?since=${state.seq}&timeout=25`);
      state.seq = result.seq;
      $("status").textContent = "live";
      for (const e of result.events) if (e.type === "callback_answer" && e.text) toast(e.text);
      if (result.events.some((e) => RELEVANT.has(e.type))) await refreshAll();
    } catch (err) {
      $("status").textContent = "disconnected — retrying";
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function wire() {
  $("user-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("user-input").value;
    if (!text.trim()) return;
    $("user-input").value = "";
    await sendUserText(text);
  });
  $("user-file").addEventListener("change", async () => {
    const file = $("user-file").files[0];
    if (file) await sendUserFile(file);
    $("user-file").value = "";
  });
  $("staff-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("staff-input").value;
    if (!text.trim()) return;
    $("staff-input").value = "";
    const body = { user_id: staffId(), chat_id: state.forumId, text, message_thread_id: state.thread || null };
    try { await api("POST", "/messages", body); } catch (err) { toast(err.message); }
  });
  $("user-lang").addEventListener("change", async () => {
    const name = $("user-name").textContent;
    await api("POST", "/users", { id: state.userId, first_name: name, language_code: $("user-lang").value });
    toast(`User language is now ${$("user-lang").value} (applies to the next update)`);
  });
  $("staff-member").addEventListener("change", refreshStaff);
}

(async () => {
  wire();
  await loadWorld();
  state.seq = (await api("GET", "/state")).seq;
  await refreshAll();
  $("status").textContent = "live";
  document.body.dataset.ready = "1";
  eventLoop();
})();

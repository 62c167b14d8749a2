"""Ids and rights of the demo world shared by the playground runner and the tests."""

from __future__ import annotations

DEMO_USER_ID = 1001
STAFF_CHAT_ID = -1001000000001
STAFF_A_ID = 2001
STAFF_B_ID = 2002
BOT_RIGHTS = {"can_manage_topics": True, "can_delete_messages": True, "can_pin_messages": True}
STAFF_MEMBERS = [
    {"user_id": STAFF_A_ID, "status": "administrator",
     "rights": {"can_manage_topics": True, "can_delete_messages": True},
     "user": {"first_name": "Staff A", "username": "staff_a", "language_code": "ru"}},
    {"user_id": STAFF_B_ID, "status": "administrator",
     "rights": {"can_manage_topics": True},
     "user": {"first_name": "Staff B", "username": "staff_b", "language_code": "kk"}},
]

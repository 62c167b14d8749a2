"""Staff desk: case topics in the staff forum, relay, queue, SLA alerts."""

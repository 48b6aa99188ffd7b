package dev.formgate.newsletter.support;

import dev.formgate.events.Topics;

/** The shared event log, reading {@code newsletter.events}. */
public class EventLog extends dev.formgate.testing.EventLog {

	EventLog(String brokers) {
		super(brokers, Topics.NEWSLETTER_EVENTS);
	}
}

package dev.formgate.outbox;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one serialisation of event records, applied when an event is recorded: what is stored is what goes out, byte
 * for byte. Jackson's defaults: ISO-8601 times, record components by name, enums by name.
 */
final class EventJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EventJson() {
	}

	static String write(Object event) {
		return JSON.writeValueAsString(event);
	}
}

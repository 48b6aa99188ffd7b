package dev.formgate.contact.request;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Counters of contact requests, tagged by topic. The topic tag takes only the configured topic ids (a fixed list the
 * operator chose), never what a visitor typed; anything else counts as {@code other}.
 */
@Component
class ContactMetrics {

	static final String OTHER = "other";

	private final Map<String, Counter> received = new HashMap<>();
	private final Map<String, Counter> closed = new HashMap<>();

	ContactMetrics(MeterRegistry registry, ContactProperties properties) {
		for (String topic : properties.topics().keySet()) {
			register(registry, topic);
		}
		register(registry, OTHER);
	}

	private void register(MeterRegistry registry, String topic) {
		received.put(topic, Counter.builder("formgate.contact.requests.received")
			.description("Contact requests received, by topic")
			.tag("topic", topic)
			.register(registry));
		closed.put(topic, Counter.builder("formgate.contact.requests.closed")
			.description("Contact requests closed by staff, by topic")
			.tag("topic", topic)
			.register(registry));
	}

	void received(String topic) {
		received.getOrDefault(topic, received.get(OTHER)).increment();
	}

	void closed(String topic) {
		closed.getOrDefault(topic, closed.get(OTHER)).increment();
	}
}

package dev.formgate.newsletter.subscription;

import dev.formgate.events.NewsletterEvent.Unsubscribed.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counters of the double opt-in flow. Tags come from fixed sets (channel, reason), never from a request, so no
 * address, id or token can reach them.
 */
@Component
class SubscriptionMetrics {

	private final Counter signUpsByForm;
	private final Counter signUpsByStaff;
	private final Counter confirmations;
	private final Map<Reason, Counter> unsubscribes = new EnumMap<>(Reason.class);

	SubscriptionMetrics(MeterRegistry registry) {
		this.signUpsByForm = signUps(registry, "form");
		this.signUpsByStaff = signUps(registry, "staff");
		this.confirmations = Counter.builder("formgate.newsletter.confirmations")
			.description("Subscriptions confirmed by the link in the confirmation mail")
			.register(registry);
		for (Reason reason : Reason.values()) {
			unsubscribes.put(reason, Counter.builder("formgate.newsletter.unsubscribes")
				.description("Subscriptions ended, by how")
				.tag("reason", reason.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
	}

	private static Counter signUps(MeterRegistry registry, String channel) {
		return Counter.builder("formgate.newsletter.signups")
			.description("Sign-ups requested (each may owe a confirmation mail), by the person (form) or by staff")
			.tag("channel", channel)
			.register(registry);
	}

	void signUpRequested(boolean onBehalf) {
		(onBehalf ? signUpsByStaff : signUpsByForm).increment();
	}

	void confirmed() {
		confirmations.increment();
	}

	void unsubscribed(Reason reason) {
		unsubscribes.get(reason).increment();
	}
}

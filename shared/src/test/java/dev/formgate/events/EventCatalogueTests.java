package dev.formgate.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's event catalogue and the event classes say the same: topic, type and data fields. */
class EventCatalogueTests {

	static final Map<Class<?>, String> TOPICS = Map.of(NewsletterEvent.class, Topics.NEWSLETTER_EVENTS,
			ContactEvent.class, Topics.CONTACT_EVENTS, PrivacyEvent.class, Topics.PRIVACY_REQUESTS,
			OutcomeEvent.class, Topics.PRIVACY_OUTCOMES, InventoryEvent.class, Topics.PRIVACY_INVENTORY);

	static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\| `([A-Za-z]+)` \\| ([a-zA-Z, ]+) \\|.*$",
			Pattern.MULTILINE);

	@Test
	void readmeCatalogueMatchesTheEventClasses() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		Map<String, String> documented = new TreeMap<>();
		Matcher row = ROW.matcher(readme);
		while (row.find()) {
			documented.put(row.group(1) + " " + row.group(2), row.group(3).strip());
		}

		Map<String, String> coded = new TreeMap<>();
		TOPICS.forEach((family, topic) -> Arrays.stream(family.getPermittedSubclasses())
			.forEach(event -> coded.put(topic + " " + event.getSimpleName(), Arrays.stream(event.getRecordComponents())
				.map(c -> c.getName()).collect(Collectors.joining(", ")))));

		assertThat(documented).isEqualTo(coded);
	}

	@Test
	void typeNamesFollowTheEventClasses() {
		assertThat(CloudEvents.typeOf(NewsletterEvent.SubscriptionRequested.class))
			.isEqualTo("dev.formgate.newsletter.SubscriptionRequested");
		assertThat(CloudEvents.typeOf(ContactEvent.ContactRequestPurged.class))
			.isEqualTo("dev.formgate.contact.ContactRequestPurged");
	}
}

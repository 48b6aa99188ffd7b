package dev.formgate.events;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

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

/**
 * The event catalogue of {@code docs/events.md}, the AsyncAPI document {@code docs/asyncapi.yaml} and the event classes say the same:
 * topic, type and data fields (and, for AsyncAPI, who sends and receives each topic).
 */
class EventCatalogueTests {

	static final Path REPOSITORY = Path.of("../..");
	static final Path ASYNCAPI = REPOSITORY.resolve("docs/asyncapi.yaml");
	static final Path CATALOGUE = REPOSITORY.resolve("docs/events.md");

	static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\| `([A-Za-z]+)` \\| ([a-zA-Z, ]+) \\|.*$",
			Pattern.MULTILINE);

	@Test
	void documentedCatalogueMatchesTheEventClasses() throws IOException {
		String catalogue = Files.readString(CATALOGUE);
		Map<String, String> documented = new TreeMap<>();
		Matcher row = ROW.matcher(catalogue);
		while (row.find()) {
			documented.put(row.group(1) + " " + row.group(2), row.group(3).strip());
		}

		Map<String, String> coded = new TreeMap<>();
		AsyncApiCatalogue.TopicFamily.ALL.forEach(family -> Arrays.stream(family.events().getPermittedSubclasses())
			.forEach(event -> coded.put(family.topic() + " " + event.getSimpleName(), Arrays.stream(event.getRecordComponents())
				.map(c -> c.getName()).collect(Collectors.joining(", ")))));

		assertThat(documented).isEqualTo(coded);
	}

	@Test
	void asyncApiDocumentIsGeneratedFromTheEventClassesAndTheBindings() throws IOException {
		String generated = AsyncApiCatalogue.of(REPOSITORY).yaml();
		if (Boolean.getBoolean("formgate.asyncapi.write")) {
			Files.createDirectories(ASYNCAPI.getParent());
			Files.writeString(ASYNCAPI, generated);
		}
		assertThat(Files.readString(ASYNCAPI)).as("docs/asyncapi.yaml is stale: regenerate it as its first lines say")
			.isEqualTo(generated);

		Map<String, Object> document = new Yaml().load(generated);
		Map<?, ?> messages = (Map<?, ?>) ((Map<?, ?>) document.get("components")).get("messages");
		assertThat(messages.keySet()).hasSize(catalogueRows());
		assertThat((Map<?, ?>) document.get("channels")).hasSize(AsyncApiCatalogue.TopicFamily.ALL.size());
		assertThat(generated).contains("x-receivers: [comment-service, contact-service, newsletter-service]");
	}

	private static int catalogueRows() throws IOException {
		return (int) ROW.matcher(Files.readString(CATALOGUE)).results().count();
	}

	@Test
	void typeNamesFollowTheEventClasses() {
		assertThat(CloudEvents.typeOf(NewsletterEvent.SubscriptionRequested.class))
			.isEqualTo("dev.formgate.newsletter.SubscriptionRequested");
		assertThat(CloudEvents.typeOf(ContactEvent.ContactRequestPurged.class))
			.isEqualTo("dev.formgate.contact.ContactRequestPurged");
	}
}

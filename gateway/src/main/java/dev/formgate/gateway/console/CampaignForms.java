package dev.formgate.gateway.console;

import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign's form in the console and the campaigns API's JSON: the form's fields ({@code de.subject},
 * {@code de.body}, {@code en.…}, {@code lists}, {@code rate}, {@code connections}, {@code archive}) become the API's
 * body; the API's field problems ({@code content.de.subject}: {@code required}, …) and refusals ({@code 409
 * illegal-state-change}, …) become the codes the pages show messages for. Plain Java, no Spring.
 */
final class CampaignForms {

	static final List<String> LANGUAGES = List.of("de", "en");
	static final List<String> TEXT_FIELDS = List.of("de.subject", "de.body", "en.subject", "en.body", "rate",
			"connections");
	/** The problems each kind of field has a message for; any other is shown as {@code invalid}. */
	private static final Map<String, List<String>> MESSAGES = Map.of("subject", List.of("required", "too-long"),
			"body", List.of("required", "too-long", "not-allowed"), "lists", List.of("required"));

	private CampaignForms() {
	}

	/** The campaign as the form has it, for the API; English only when the editor wrote some. */
	static Map<String, Object> body(MultiValueMap<String, String> form) {
		Map<String, Object> content = new LinkedHashMap<>();
		for (String language : LANGUAGES) {
			String subject = Forms.text(form, language + ".subject");
			String body = Forms.text(form, language + ".body");
			if (language.equals("de") || !subject.isBlank() || !body.isBlank()) {
				content.put(language, Map.of("subject", subject, "body", body));
			}
		}
		Map<String, Object> campaign = new LinkedHashMap<>();
		campaign.put("content", content);
		List<String> lists = new ArrayList<>();
		for (String list : form.getOrDefault("lists", List.of())) {
			String code = Forms.code(list);
			if (code != null && !lists.contains(code)) {
				lists.add(code);
			}
		}
		campaign.put("lists", lists);
		campaign.putAll(pace(form));
		campaign.put("archive", form.containsKey("archive"));
		return campaign;
	}

	/** The form's {@code rate} and {@code connections} that are filled in, as numbers. */
	static Map<String, Object> pace(MultiValueMap<String, String> form) {
		Map<String, Object> pace = new LinkedHashMap<>();
		number(form, "rate").ifPresent(rate -> pace.put("rate", rate));
		number(form, "connections").ifPresent(connections -> pace.put("connections", connections));
		return pace;
	}

	/** Problems the console finds before asking the API: a pace that is not a whole number. */
	static Map<String, String> localErrors(MultiValueMap<String, String> form) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : List.of("rate", "connections")) {
			String value = Forms.text(form, field).strip();
			if (!value.isEmpty() && number(form, field).isEmpty()) {
				errors.put(field, "invalid");
			}
		}
		return errors;
	}

	private static Optional<Long> number(MultiValueMap<String, String> form, String field) {
		String value = Forms.text(form, field).strip();
		if (value.isEmpty() || value.length() > 9 || !value.matches("-?\\d+")) {
			return Optional.empty();
		}
		return Optional.of(Long.parseLong(value));
	}

	/** The form's values to show again: the text fields as typed, the lists ticked, the archive choice. */
	static Map<String, Object> values(MultiValueMap<String, String> form) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (String field : TEXT_FIELDS) {
			values.put(field, Forms.text(form, field));
		}
		values.put("lists", form.getOrDefault("lists", List.of()));
		values.put("archive", form.containsKey("archive"));
		return values;
	}

	/** A campaign from the API as the form's values, to edit it. */
	static Map<String, Object> values(JsonNode campaign) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (String language : LANGUAGES) {
			JsonNode content = campaign.path("content").path(language);
			values.put(language + ".subject", content.path("subject").asString(""));
			values.put(language + ".body", content.path("body").asString(""));
		}
		values.put("rate", campaign.path("rate").asString(""));
		values.put("connections", campaign.path("connections").asString(""));
		List<String> lists = new ArrayList<>();
		campaign.path("lists").forEach(list -> lists.add(list.asString()));
		values.put("lists", lists);
		values.put("archive", campaign.path("archive").asBoolean(true));
		return values;
	}

	/** An empty form: archived by default, as the API has it. */
	static Map<String, Object> blank() {
		Map<String, Object> values = new LinkedHashMap<>();
		TEXT_FIELDS.forEach(field -> values.put(field, ""));
		values.put("lists", List.of());
		values.put("archive", true);
		return values;
	}

	/**
	 * The API's field problems by the form's field names ({@code content.de.subject} → {@code de.subject}); a problem
	 * with the languages as a whole is shown at the German subject.
	 */
	static Map<String, String> errors(AdminApi.Refused refused) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String problem : refused.fields) {
			String field = problem.substring(0, problem.indexOf(':'));
			String code = problem.substring(problem.indexOf(':') + 1);
			String name = switch (field) {
				case "content", "content.de" -> "de.subject";
				case "content.en" -> "en.subject";
				default -> field.startsWith("content.") ? field.substring("content.".length()) : field;
			};
			if (TEXT_FIELDS.contains(name) || name.equals("lists")) {
				String kind = name.substring(name.indexOf('.') + 1);
				errors.putIfAbsent(name, MESSAGES.getOrDefault(kind, List.of()).contains(code) ? code : "invalid");
			}
		}
		if (errors.isEmpty()) {
			errors.put("form", "invalid");
		}
		return errors;
	}

	/**
	 * What a refused step is called on the campaign's page: the problem type's name for a conflict
	 * ({@code illegal-state-change}, {@code campaign-not-editable}, {@code campaign-without-recipients}), the
	 * schedule's time, the test's address or the pace ({@code at-invalid}, {@code to-not-allowed},
	 * {@code pace-invalid}) or {@code invalid} for another bad input, {@code unavailable} when the service could not do it; null for a refusal the console's general pages
	 * answer (403, 404).
	 */
	static String refusal(AdminApi.Refused refused) {
		int status = refused.status.value();
		if (status == 409) {
			String type = refused.type.substring(refused.type.lastIndexOf('/') + 1);
			return Forms.code(type) == null ? "conflict" : type;
		}
		if (status == 400) {
			String field = refused.fields.isEmpty() ? "" : refused.fields.getFirst();
			return field.startsWith("at:") ? "at-invalid" : field.startsWith("to:") ? "to-not-allowed"
					: field.startsWith("rate:") || field.startsWith("connections:") ? "pace-invalid" : "invalid";
		}
		return status >= 500 ? "unavailable" : null;
	}

	/** A time from the schedule form ({@code datetime-local}, Berlin time) as an instant, or null. */
	static Instant berlin(String value) {
		if (value == null || value.isBlank() || value.length() > 20) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(Formats.BERLIN).toInstant();
		}
		catch (DateTimeException e) {
			return null;
		}
	}
}

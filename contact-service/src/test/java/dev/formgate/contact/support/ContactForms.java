package dev.formgate.contact.support;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Contact requests as a visitor sends them: a valid one with unique texts, and variations of it. */
public final class ContactForms {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ContactForms() {
	}

	public static String newAddress() {
		return "sender-" + UUID.randomUUID() + "@example.org";
	}

	/** A valid request from this address; subject and message carry a unique marker to find the mails by. */
	public static Map<String, Object> valid(String email) {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", "Erika Mustermann");
		form.put("email", email);
		form.put("topic", "buergerservice");
		form.put("subject", "Frage zum Antrag " + marker);
		form.put("message", "Guten Tag,\nwann ist mein Antrag " + marker + " fertig?\nViele Grüße");
		form.put("privacy", true);
		form.put("language", "de");
		return form;
	}

	public static Map<String, Object> with(Map<String, Object> form, String field, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(form);
		if (value == null) {
			changed.remove(field);
		}
		else {
			changed.put(field, value);
		}
		return changed;
	}

	public static String json(Map<String, Object> form) {
		return JSON.writeValueAsString(form);
	}

	/** The same fields as a browser's form post sends them. */
	public static Map<String, String> formFields(Map<String, Object> form) {
		Map<String, String> fields = new LinkedHashMap<>();
		form.forEach((key, value) -> fields.put(key, value instanceof Boolean yes ? (yes ? "on" : "") : String.valueOf(value)));
		return fields;
	}
}

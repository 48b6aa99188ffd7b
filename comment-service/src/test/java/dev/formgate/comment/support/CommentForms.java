package dev.formgate.comment.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Comments as a visitor posts them: a valid one with a unique text, and variations of it. */
public final class CommentForms {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private CommentForms() {
	}

	public static String newAddress() {
		return "author-" + UUID.randomUUID() + "@example.org";
	}

	/** A valid comment on blog/hallo; its text carries a unique marker. */
	public static Map<String, Object> valid() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("site", "blog");
		form.put("post", "hallo");
		form.put("name", "Leserin " + marker);
		form.put("text", "Schöner Beitrag " + marker + ".\nDanke!");
		form.put("language", "de");
		return form;
	}

	/** A valid comment whose author asks to be told of its publication at this address. */
	public static Map<String, Object> withNotice(String email) {
		Map<String, Object> form = valid();
		form.put("email", email);
		form.put("notice", true);
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

	public static JsonNode read(String body) {
		return JSON.readTree(body);
	}
}

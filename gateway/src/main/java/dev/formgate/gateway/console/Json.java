package dev.formgate.gateway.console;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** The admin API's JSON as maps and lists, which the page templates read by name. */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(JsonNode node) {
		return node == null || !node.isObject() ? Map.of() : MAPPER.convertValue(node, Map.class);
	}
}

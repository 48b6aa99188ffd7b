package dev.formgate.erasure.selfservice.web;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A store's part of an access export as rows to read: each value with the path to it ({@code subscriptions 1 › list}),
 * whatever the store's data looks like, so that a store that starts answering shows without a change here.
 */
final class ExportRows {

	record Row(String path, String value) {
	}

	private ExportRows() {
	}

	static List<Row> of(JsonNode data) {
		List<Row> rows = new ArrayList<>();
		if (data != null) {
			add("", data, rows);
		}
		return rows;
	}

	private static void add(String path, JsonNode node, List<Row> rows) {
		if (node.isObject()) {
			if (node.isEmpty()) {
				rows.add(new Row(path, "—"));
			}
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				add(join(path, field.getKey()), field.getValue(), rows);
			}
		}
		else if (node.isArray()) {
			if (node.isEmpty()) {
				rows.add(new Row(path, "—"));
			}
			for (int i = 0; i < node.size(); i++) {
				add(join(path, String.valueOf(i + 1)), node.get(i), rows);
			}
		}
		else {
			rows.add(new Row(path, node.isNull() ? "—" : node.asString()));
		}
	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + " › " + name;
	}
}

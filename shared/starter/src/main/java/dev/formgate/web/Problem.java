package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RFC 9457 answer of a catalogued type: its JSON for API clients, its page for browsers. Written by hand so
 * that filters, Tomcat's error valve and the MVC advice answer byte for byte alike, and with no {@code instance}:
 * the request's path could hold an address or a token and is never echoed.
 *
 * @param type the catalogued type (title, page text)
 * @param status the answer's status; the type's unless an answer without a catalogued type is rendered
 * @param detail the detail for API clients; a fixed text, never anything the client sent
 * @param errors the fields at fault, by name (only for {@link ProblemType#INVALID_INPUT})
 * @param properties further members, e.g. the states of an illegal state change; fixed values only
 */
public record Problem(ProblemType type, int status, String detail, List<FieldProblem> errors,
		Map<String, Object> properties) {

	public Problem {
		errors = errors == null ? List.of() : List.copyOf(errors);
		properties = properties == null ? Map.of() : new LinkedHashMap<>(properties);
	}

	public static Problem of(ProblemType type) {
		return new Problem(type, type.status(), type.detail(), null, null);
	}

	public static Problem of(ProblemType type, String detail) {
		return new Problem(type, type.status(), detail, null, null);
	}

	/** The catalogued answer to a status nothing else explained (Tomcat's refusals, {@code sendError}). */
	public static Problem forStatus(int status) {
		ProblemType type = ProblemType.forStatus(status);
		return new Problem(type, status, type.detail(), null, null);
	}

	public Problem withErrors(List<FieldProblem> fieldProblems) {
		return new Problem(type, status, detail, fieldProblems, properties);
	}

	public String toJson() {
		var json = new StringBuilder(256).append("{\"type\":");
		string(json, type.uri().toString());
		json.append(",\"title\":");
		string(json, type.title());
		json.append(",\"status\":").append(status).append(",\"detail\":");
		string(json, detail);
		if (!errors.isEmpty()) {
			json.append(",\"errors\":[");
			for (int i = 0; i < errors.size(); i++) {
				FieldProblem error = errors.get(i);
				json.append(i == 0 ? "{" : ",{").append("\"field\":");
				string(json, error.field());
				json.append(",\"code\":");
				string(json, error.code());
				json.append(",\"detail\":");
				string(json, error.detail());
				json.append('}');
			}
			json.append(']');
		}
		properties.forEach((name, value) -> {
			json.append(',');
			string(json, name);
			json.append(':');
			if (value instanceof Number || value instanceof Boolean) {
				json.append(value);
			}
			else {
				string(json, String.valueOf(value));
			}
		});
		return json.append('}').toString();
	}

	/** A short page in German or English with the type's text and a link to the start page. */
	public String page(boolean english) {
		String heading = english ? "That did not work" : "Das hat nicht geklappt";
		String back = english ? "Back to the start page" : "Zurück zur Startseite";
		return "<!doctype html><html lang=\"" + (english ? "en" : "de") + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<meta name=\"robots\" content=\"noindex\">"
				+ "<link rel=\"stylesheet\" href=\"/assets/formgate.css\"><title>" + status + " – " + html(heading)
				+ "</title></head><body><main><h1>" + html(heading) + "</h1><p>" + html(type.pageText(english))
				+ "</p><p><a href=\"" + (english ? "/en" : "/") + "\">" + back + "</a></p></main></body></html>";
	}

	private static void string(StringBuilder json, String value) {
		if (value == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

	private static String html(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}

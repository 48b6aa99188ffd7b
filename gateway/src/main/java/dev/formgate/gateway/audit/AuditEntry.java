package dev.formgate.gateway.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One staff action as the trail shows it: who (the token's {@code preferred_username}, else its subject), what (the
 * call, with ids as {@code {id}}), which request, when, and how it ended. It holds nothing of the data subject but the
 * request id; the only recorded fields are short codes such as a state or a request type, never free text.
 *
 * @param status the HTTP status of the answer, or 0 when the outcome was not recorded
 */
public record AuditEntry(String id, Instant at, String actor, String action, String target,
		Map<String, String> fields, int status) {

	public boolean succeeded() {
		return status >= 200 && status < 300;
	}

	public String getAction() {
		return action;
	}

	public String getActor() {
		return actor;
	}

	public Instant getAt() {
		return at;
	}

	public Map<String, String> getFields() {
		return fields;
	}

	public int getStatus() {
		return status;
	}
}

package dev.formgate.gateway.audit;

import java.util.regex.Pattern;

/**
 * Which admin calls are staff actions, and what they are called in the trail: every call that changes something
 * ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) and the download of an access export. The action is the
 * path with the request id replaced by {@code {id}}, the target is that id.
 */
final class StaffActions {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
	private static final Pattern WITH_ID = Pattern
		.compile("/api/admin/(contact-requests|privacy-requests|newsletter/campaigns|comments)/([^/]+)(/[a-z-]+)?");
	private static final Pattern DEAD_LETTER = Pattern
		.compile("/api/admin/(newsletter|contact|comment|privacy)/dead-letters/([A-Za-z0-9._-]{1,249})/(\\d{1,6})/(\\d{1,19})/replay");

	record Action(String name, String target) {
	}

	private StaffActions() {
	}

	/** The action for this call, or null when it is none (a read, or not an admin call). */
	static Action of(String method, String path) {
		if (!path.startsWith("/api/admin/")) {
			return null;
		}
		boolean write = switch (method) {
			case "POST", "PUT", "PATCH", "DELETE" -> true;
			default -> false;
		};
		var withId = WITH_ID.matcher(path);
		// The bulk decision on comments is a call of its own, not one comment's.
		if (withId.matches() && ID.matcher(withId.group(2)).matches()
				&& !(withId.group(1).equals("comments") && withId.group(2).equals("moderation"))) {
			String rest = withId.group(3) == null ? "" : withId.group(3);
			if (!write && !(withId.group(1).equals("privacy-requests") && rest.equals("/export"))) {
				return null;
			}
			return new Action(method + " " + withId.group(1) + "/{id}" + rest, withId.group(2));
		}
		if (!write) {
			return null;
		}
		var deadLetter = DEAD_LETTER.matcher(path);
		if (deadLetter.matches()) {
			return new Action(method + " " + deadLetter.group(1) + "/dead-letters/{record}/replay",
					deadLetter.group(2) + "/" + deadLetter.group(3) + "/" + deadLetter.group(4));
		}
		// Filing a privacy request: its id comes with the answer. Other calls: the path, which holds no personal data.
		return new Action(method + " " + path.substring("/api/admin/".length()), null);
	}
}

package dev.formgate.security;

import java.util.Set;

/** The roles an admin token may carry in its {@value #CLAIM} claim; each guards one family of admin calls. */
public final class AdminRoles {

	/** The claim holding the roles: a JSON array of strings. */
	public static final String CLAIM = "roles";

	/** Files and tracks data-subject requests; reads the record of processing. */
	public static final String PRIVACY_ADMIN = "privacy-admin";

	/** Reads and answers contact requests. */
	public static final String CONTACT_AGENT = "contact-agent";

	/** Manages newsletter lists and subscriptions. */
	public static final String NEWSLETTER_EDITOR = "newsletter-editor";

	/** Publishes, rejects and removes comments. */
	public static final String COMMENT_MODERATOR = "comment-moderator";

	public static final Set<String> ALL = Set.of(PRIVACY_ADMIN, CONTACT_AGENT, NEWSLETTER_EDITOR, COMMENT_MODERATOR);

	private AdminRoles() {
	}
}

package dev.formgate.gateway.console;

import dev.formgate.security.AdminRoles;

/**
 * The console's areas, each with the role it needs: the navigation shows a person only their areas, and the console's
 * security refuses the others (the admin APIs behind them refuse anyway). A new area is one line here.
 */
enum Area {

	CONTACT_REQUESTS("/console/contact-requests", "nav.contact", AdminRoles.CONTACT_AGENT),
	PRIVACY_REQUESTS("/console/privacy-requests", "nav.privacy", AdminRoles.PRIVACY_ADMIN),
	NEWSLETTER("/console/newsletter", "nav.newsletter", AdminRoles.NEWSLETTER_EDITOR),
	COMMENTS("/console/comments", "nav.comments", AdminRoles.COMMENT_MODERATOR),
	COMMENT_EVIDENCE("/console/comment-evidence", "nav.commentEvidence", AdminRoles.PRIVACY_ADMIN),
	LEGAL_HOLDS("/console/legal-holds", "nav.legalHolds", AdminRoles.PRIVACY_ADMIN),
	ACTIVITY("/console/activity", "nav.activity", AdminRoles.PRIVACY_ADMIN),
	RECORD_OF_PROCESSING("/console/record-of-processing", "nav.inventory", AdminRoles.PRIVACY_ADMIN),
	DEAD_LETTERS("/console/dead-letters", "nav.deadLetters", AdminRoles.PRIVACY_ADMIN);

	final String path;
	final String label;
	final String role;

	Area(String path, String label, String role) {
		this.path = path;
		this.label = label;
		this.role = role;
	}

	public String getPath() {
		return path;
	}

	public String getLabel() {
		return label;
	}
}

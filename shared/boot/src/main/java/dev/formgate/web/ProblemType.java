package dev.formgate.web;

import java.net.URI;

/**
 * The one catalogue of problem types Formgate answers with, the gateway's and the services' alike (docs/api.md
 * lists them). Each type has a fixed title, a default detail for API clients and a page text in German and English
 * for browsers: texts chosen here, never an exception message or anything the client sent. Plain Java, so that the
 * reactive gateway and the servlet services share it.
 */
public enum ProblemType {

	// Input
	INVALID_INPUT(400, "invalid-input", "Invalid input", "One or more fields are invalid.",
			"Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal.",
			"Please check your input and send the form again."),
	BAD_REQUEST(400, "bad-request", "Bad request", "The request is malformed.", "Die Anfrage ist fehlerhaft.",
			"The request is malformed."),
	PROOF_OF_WORK(400, "proof-of-work", "Proof of work missing or invalid",
			"Solve a fresh challenge from /api/altcha/challenge?form=<newsletter|contact|comment|privacy> for this "
					+ "form and send it in the altcha field or Altcha header.",
			"Die automatische Prüfung gegen Spam ist fehlgeschlagen oder abgelaufen. Bitte laden Sie die Seite neu "
					+ "und senden Sie das Formular noch einmal.",
			"The automatic spam check failed or expired. Please reload the page and send the form again."),
	UNKNOWN_FORM(400, "unknown-form", "Challenge for an unknown form",
			"Ask for a challenge for one form: /api/altcha/challenge?form=newsletter, ?form=contact, ?form=comment or "
					+ "?form=privacy.",
			"Die automatische Prüfung gegen Spam konnte nicht starten. Bitte laden Sie die Seite neu.",
			"The automatic spam check could not start. Please reload the page."),
	NOT_FOUND(404, "not-found", "Not found", "There is nothing at this address.", "Diese Seite gibt es nicht.",
			"This page does not exist."),
	METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed",
			"This address does not accept this HTTP method.", "Diese Adresse nimmt diese Art von Anfrage nicht an.",
			"This address does not accept this kind of request."),
	NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable",
			"This address cannot answer in a format the request accepts.",
			"Diese Adresse kann nicht in der gewünschten Form antworten.",
			"This address cannot answer in the requested format."),
	TOO_LARGE(413, "request-too-large", "Request body too large", "The request body exceeds the allowed size.",
			"Das Formular hat mehr Daten gesendet als erlaubt. Bitte kürzen Sie Ihre Eingabe.",
			"The form sent more data than allowed. Please shorten your input."),
	PATH_NOT_CANONICAL(400, "path-not-canonical", "Path not in canonical form",
			"Send the path as it is: no percent-encoding, no empty, '.' or '..' segments, no ';' parameters, no "
					+ "trailing slash.",
			"Diese Adresse ist fehlerhaft geschrieben. Bitte prüfen Sie sie oder beginnen Sie auf der Startseite.",
			"This address is malformed. Please check it or start from the start page."),
	URI_TOO_LONG(414, "uri-too-long", "URI too long", "The request line exceeds the allowed length.",
			"Diese Adresse ist zu lang.", "This address is too long."),
	UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type",
			"Send application/json or application/x-www-form-urlencoded.",
			"Das Formular wurde in einem unbekannten Format gesendet.", "The form was sent in an unknown format."),
	HEADERS_TOO_LARGE(431, "headers-too-large", "Request headers too large",
			"The request headers exceed the allowed size.",
			"Ihr Browser hat zu viele Daten mitgesendet. Bitte versuchen Sie es erneut.",
			"Your browser sent too much data along. Please try again."),

	// Access
	UNAUTHORIZED(401, "unauthorized", "Unauthorized", "A valid admin bearer token is required.",
			"Anmeldung erforderlich.", "Sign-in required."),
	FORBIDDEN(403, "forbidden", "Forbidden", "The admin token lacks the role this call needs.",
			"Dafür fehlt Ihnen die Berechtigung.", "You lack the permission for this."),
	FORBIDDEN_ORIGIN(403, "forbidden-origin", "Origin not allowed", "Requests from this origin are not accepted.",
			"Anfragen von dieser Herkunft werden nicht angenommen.", "Requests from this origin are not accepted."),
	TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests",
			"Too many requests from this address or network; retry after the given time.",
			"Von Ihrer Adresse kamen zu viele Anfragen. Bitte versuchen Sie es in einigen Minuten erneut.",
			"Too many requests came from your address. Please try again in a few minutes."),

	// Availability
	INTERNAL(500, "internal-error", "Internal error", "The request could not be completed.",
			"Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
			"Something went wrong. Please try again later."),
	SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable",
			"The service is unavailable right now; nothing was stored. Retry after the given time.",
			"Der Dienst ist gerade nicht erreichbar. Ihre Eingabe wurde nicht gespeichert; bitte versuchen Sie es in "
					+ "einigen Minuten erneut.",
			"The service is unavailable right now. Your input was not stored; please try again in a few minutes."),
	GATEWAY_TIMEOUT(504, "gateway-timeout", "Gateway timeout", "The service behind this address did not answer in time.",
			"Der Dienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.",
			"The service did not answer in time. Please try again."),

	// Domain: staff and privacy-officer calls
	CONTACT_REQUEST_NOT_FOUND(404, "contact-request-not-found", "Contact request not found",
			"There is no contact request with this id, or it has been deleted."),
	ILLEGAL_STATE_CHANGE(409, "illegal-state-change", "Illegal state change",
			"The request's state does not allow this change."),
	PROCESSING_RESTRICTED(409, "processing-restricted", "Processing restricted",
			"The sender asked to restrict processing (Art. 18 GDPR): the request keeps its state until the privacy "
					+ "officer lifts the restriction."),
	SUBJECT_SUPPRESSED(409, "subject-suppressed", "Subject suppressed",
			"This person objected to the newsletter or unsubscribed from this list. Only their own sign-up can add them "
					+ "again."),
	PRIVACY_REQUEST_NOT_FOUND(404, "privacy-request-not-found", "Privacy request not found",
			"There is no privacy request with this id."),
	NOT_FINISHED(409, "not-finished", "Not finished", "The request is not finished yet."),
	NOT_AN_ACCESS_REQUEST(409, "not-an-access-request", "Not an access request", "Only access requests have an export."),
	EXTENSION_LIMIT(409, "extension-limit", "Extension limit reached",
			"The deadline may be extended by two months at most (Art. 12(3) GDPR)."),
	EXPORT_DELETED(410, "export-deleted", "Export deleted",
			"The stores' data for this request has been deleted: its retention period ended, or the person's "
					+ "erasure went out."),
	DEAD_LETTER_NOT_FOUND(404, "dead-letter-not-found", "Dead letter not found",
			"No dead letter of this service at that topic, partition and offset."),
	CAMPAIGN_NOT_FOUND(404, "campaign-not-found", "Campaign not found", "There is no campaign with this id.",
			"Diesen Newsletter gibt es nicht (mehr) im Archiv.", "This newsletter is not (or no longer) in the archive."),
	CAMPAIGN_NOT_EDITABLE(409, "campaign-not-editable", "Campaign not editable",
			"The campaign started sending: its content and lists stay as they went out."),
	COMMENT_NOT_FOUND(404, "comment-not-found", "Comment not found",
			"There is no comment with this id, or it has been deleted.",
			"Diesen Kommentar gibt es nicht (mehr).", "This comment does not exist (any more)."),
	COMMENTS_CLOSED(409, "comments-closed", "Comments closed", "Comments on this post are closed.",
			"Zu diesem Beitrag können keine Kommentare mehr geschrieben werden.",
			"Comments on this post are closed."),
	DELETE_LINK_INVALID(410, "delete-link-invalid", "Delete link invalid",
			"The link does not delete a comment: it was used already, or the comment is gone.",
			"Dieser Link löscht keinen Kommentar (mehr): Er wurde schon benutzt, oder der Kommentar ist gelöscht.",
			"This link does not delete a comment (any more): it was used already, or the comment is gone."),
	EVIDENCE_NOT_HELD(410, "evidence-not-held", "Evidence not held",
			"This comment's evidence has been deleted (its period ended, or the author objected or had it erased)."),
	CAMPAIGN_WITHOUT_RECIPIENTS(409, "campaign-without-recipients", "Campaign without recipients",
			"Nobody is confirmed on the campaign's lists: it would reach no one.");

	/** Every type's URI starts here; the rest is the type's {@link #slug()}. */
	public static final String BASE = "https://formgate.dev/problems/";

	private final int status;
	private final String slug;
	private final String title;
	private final String detail;
	private final String pageDe;
	private final String pageEn;

	ProblemType(int status, String slug, String title, String detail, String pageDe, String pageEn) {
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.detail = detail;
		this.pageDe = pageDe;
		this.pageEn = pageEn;
	}

	/** A type only API clients meet (staff calls): browsers get the generic page text of its status class. */
	ProblemType(int status, String slug, String title, String detail) {
		this(status, slug, title, detail, null, null);
	}

	public int status() {
		return status;
	}

	public String slug() {
		return slug;
	}

	public URI uri() {
		return URI.create(BASE + slug);
	}

	public String title() {
		return title;
	}

	/** The detail API clients get unless the answer names a more precise one. */
	public String detail() {
		return detail;
	}

	/** What a browser's page says, in German or English. */
	public String pageText(boolean english) {
		if (pageDe == null) {
			return (status >= 500 ? INTERNAL : BAD_REQUEST).pageText(english);
		}
		return english ? pageEn : pageDe;
	}

	/**
	 * The type of an answer that only has a status (Tomcat's own refusals, {@code sendError}): the catalogue's type
	 * for that status, else bad request or internal error by class.
	 */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> BAD_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> TOO_LARGE;
			case 414 -> URI_TOO_LONG;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> TOO_MANY_REQUESTS;
			case 431 -> HEADERS_TOO_LARGE;
			case 503 -> SERVICE_UNAVAILABLE;
			case 504 -> GATEWAY_TIMEOUT;
			default -> status < 500 ? BAD_REQUEST : INTERNAL;
		};
	}
}

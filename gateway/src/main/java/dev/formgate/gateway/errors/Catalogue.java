package dev.formgate.gateway.errors;

import dev.formgate.gateway.errors.Problems.Problem;
import org.springframework.http.HttpStatus;

/** The gateway's problems, each with its fixed texts. */
public final class Catalogue {

	public static final Problem NOT_FOUND = new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
			"There is nothing at this address.", "Diese Seite gibt es nicht.", "This page does not exist.");

	public static final Problem METHOD_NOT_ALLOWED = new Problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
			"Method not allowed", "This address does not accept this HTTP method.",
			"Diese Adresse nimmt diese Art von Anfrage nicht an.", "This address does not accept this kind of request.");

	public static final Problem TOO_LARGE = new Problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
			"Request body too large", "The request body exceeds the allowed size.",
			"Das Formular hat mehr Daten gesendet als erlaubt. Bitte kürzen Sie Ihre Eingabe.",
			"The form sent more data than allowed. Please shorten your input.");

	public static final Problem UNSUPPORTED_MEDIA_TYPE = new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
			"unsupported-media-type", "Unsupported media type",
			"Send application/json or application/x-www-form-urlencoded.",
			"Das Formular wurde in einem unbekannten Format gesendet.", "The form was sent in an unknown format.");

	public static final Problem TOO_MANY_REQUESTS = new Problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
			"Too many requests", "Too many requests from this address or network; retry after the given time.",
			"Von Ihrer Adresse kamen zu viele Anfragen. Bitte versuchen Sie es in einigen Minuten erneut.",
			"Too many requests came from your address. Please try again in a few minutes.");

	public static final Problem PROOF_OF_WORK_REQUIRED = new Problem(HttpStatus.BAD_REQUEST, "proof-of-work",
			"Proof of work missing or invalid",
			"Solve a fresh challenge from /api/altcha/challenge?form=<newsletter|contact> for this form and send it in "
					+ "the altcha field or Altcha header.",
			"Die automatische Prüfung gegen Spam ist fehlgeschlagen oder abgelaufen. Bitte laden Sie die Seite neu "
					+ "und senden Sie das Formular noch einmal.",
			"The automatic spam check failed or expired. Please reload the page and send the form again.");

	public static final Problem UNKNOWN_FORM = new Problem(HttpStatus.BAD_REQUEST, "unknown-form",
			"Challenge for an unknown form",
			"Ask for a challenge for one form: /api/altcha/challenge?form=newsletter or ?form=contact.",
			"Die automatische Prüfung gegen Spam konnte nicht starten. Bitte laden Sie die Seite neu.",
			"The automatic spam check could not start. Please reload the page.");

	public static final Problem FORBIDDEN_ORIGIN = new Problem(HttpStatus.FORBIDDEN, "forbidden-origin",
			"Origin not allowed", "Requests from this origin are not accepted.",
			"Anfragen von dieser Herkunft werden nicht angenommen.", "Requests from this origin are not accepted.");

	public static final Problem UNAUTHORIZED = new Problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
			"A valid admin bearer token is required.", "Anmeldung erforderlich.", "Sign-in required.");

	public static final Problem FORBIDDEN = new Problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
			"The admin token lacks the role this call needs.", "Dafür fehlt Ihnen die Berechtigung.",
			"You lack the permission for this.");

	public static final Problem UNAVAILABLE = new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
			"Service unavailable", "The service behind this address is unavailable; retry after the given time.",
			"Der Dienst ist gerade nicht erreichbar. Ihre Eingabe wurde nicht gespeichert; bitte versuchen Sie es in "
					+ "einigen Minuten erneut.",
			"The service is unavailable right now. Your input was not stored; please try again in a few minutes.");

	public static final Problem GATEWAY_TIMEOUT = new Problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
			"Gateway timeout", "The service behind this address did not answer in time.",
			"Der Dienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.",
			"The service did not answer in time. Please try again.");

	public static final Problem INTERNAL = new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
			"Internal error", "The request could not be completed.",
			"Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
			"Something went wrong. Please try again later.");

	public static final Problem BAD_REQUEST = new Problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
			"The request is malformed.", "Die Anfrage ist fehlerhaft.", "The request is malformed.");

	public static final Problem PATH_NOT_CANONICAL = new Problem(HttpStatus.BAD_REQUEST, "path-not-canonical",
			"Path not in canonical form",
			"Send the path as it is: no percent-encoding, no empty, '.' or '..' segments, no ';' parameters, no "
					+ "trailing slash.",
			"Diese Adresse ist fehlerhaft geschrieben. Bitte prüfen Sie sie oder beginnen Sie auf der Startseite.",
			"This address is malformed. Please check it or start from the start page.");

	public static final Problem URI_TOO_LONG = new Problem(HttpStatus.URI_TOO_LONG, "uri-too-long", "URI too long",
			"The request line exceeds the allowed length.", "Diese Adresse ist zu lang.", "This address is too long.");

	public static final Problem HEADERS_TOO_LARGE = new Problem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
			"headers-too-large", "Request headers too large", "The request headers exceed the allowed size.",
			"Ihr Browser hat zu viele Daten mitgesendet. Bitte versuchen Sie es erneut.",
			"Your browser sent too much data along. Please try again.");

	private Catalogue() {
	}
}

package dev.formgate.erasure.ledger.web;

import dev.formgate.erasure.ledger.NewPrivacyRequest;
import dev.formgate.erasure.ledger.ReceivedVia;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.events.CommentId;
import dev.formgate.events.SubjectRefs;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/admin/privacy-requests}, as sent.
 *
 * @param email the person's address; or
 * @param commentId the id of the comment whose author the request is about, for an author who gave no address
 * (docs/privacy.md, "Requests by comment id"): exactly one of the two
 * @param receivedAt when the request reached the controller (ISO date-time with offset, or a date taken as the
 * start of that day in Berlin); absent means now. The deadline runs from here.
 */
record PrivacyRequestForm(String type, String email, String commentId, String newEmail, String purpose,
		String receivedVia, String note, String receivedAt) {

	static final String DEFAULT_PURPOSE = "newsletter";
	static final int MAX_NOTE = 1000;
	private static final Pattern EMAIL_INSIDE = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
	private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
	private static final ZoneId CALENDAR = ZoneId.of("Europe/Berlin");

	@Override
	public String toString() {
		return "PrivacyRequestForm[" + type + "]"; // never the addresses
	}

	/** Every field checked at once; throws naming each wrong field. */
	NewPrivacyRequest validated(Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		RequestType requestType = FieldRules.constant("type", type, RequestType.class, problems);
		if (type == null || type.isBlank()) {
			problems.add(FieldProblem.required("type"));
		}
		ReceivedVia via = FieldRules.constant("receivedVia", receivedVia, ReceivedVia.class, problems);
		if (receivedVia == null || receivedVia.isBlank()) {
			problems.add(FieldProblem.required("receivedVia"));
		}
		else if (via == ReceivedVia.SELF_SERVICE) {
			problems.add(new FieldProblem("receivedVia", "not-allowed",
					"Only the self-service page files SELF_SERVICE requests, after the person confirmed them."));
		}
		// The address names someone whose data may be stored: syntax and no format characters. The corrected
		// address is stored from now on, so it follows the rules of every new address.
		boolean byComment = commentId != null && !commentId.isBlank();
		String comment = null;
		String address = null;
		if (byComment) {
			comment = commentId(problems);
			if (email != null && !email.isBlank()) {
				problems.add(new FieldProblem("email", "not-allowed",
						"An address or a comment id names the person, not both."));
			}
		}
		else {
			address = email("email", email, FieldRules::referenceProblem, problems);
		}
		String newAddress = null;
		if (requestType == RequestType.RECTIFICATION) {
			newAddress = email("newEmail", newEmail, FieldRules::addressProblem, problems);
			if (address != null && newAddress != null
					&& SubjectRefs.normalise(address).equals(SubjectRefs.normalise(newAddress))) {
				problems.add(new FieldProblem("newEmail", "unchanged", "The corrected address equals the old one."));
			}
		}
		else if (newEmail != null) {
			problems.add(new FieldProblem("newEmail", "not-allowed", "Only a RECTIFICATION has a new address."));
		}
		String purposeOfObjection = null;
		if (requestType == RequestType.OBJECTION) {
			purposeOfObjection = purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose.strip();
			if (!PURPOSE.matcher(purposeOfObjection).matches()) {
				problems.add(new FieldProblem("purpose", "invalid",
						"A purpose name: lower-case letters, digits and hyphens, e.g. newsletter."));
			}
		}
		else if (purpose != null) {
			problems.add(new FieldProblem("purpose", "not-allowed", "Only an OBJECTION names a purpose."));
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		if (text != null && text.length() > MAX_NOTE) {
			problems.add(new FieldProblem("note", "too-long", "At most " + MAX_NOTE + " characters."));
		}
		else if (text != null && FieldRules.hasControlCharactersInText(text)) {
			problems.add(FieldProblem.invalid("note", "Control characters are not allowed."));
		}
		else if (text != null && FieldRules.hasFormatCharacters(text)) {
			problems.add(FieldProblem.invalid("note", "Invisible formatting characters are not allowed."));
		}
		else if (text != null && EMAIL_INSIDE.matcher(text).find()) {
			problems.add(new FieldProblem("note", "personal-data",
					"The note must not contain an e-mail address: the ledger keeps no address."));
		}
		Instant received = receivedAt(now, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new NewPrivacyRequest(requestType, address, newAddress, purposeOfObjection, via, text, received, null,
				null, comment);
	}

	/** A comment id as comment-service gives it: a UUID in its canonical form (lower case, with hyphens). */
	private String commentId(List<FieldProblem> problems) {
		String value = commentId.strip();
		if (CommentId.isWellFormed(value)) {
			return value;
		}
		problems.add(FieldProblem.invalid("commentId",
				"A comment id as the comment's private link or the console shows it (8-4-4-4-12 hexadecimal digits)."));
		return null;
	}

	private static String email(String field, String value, UnaryOperator<String> rule, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(FieldProblem.required(field));
			return null;
		}
		String address = value.strip();
		String problem = rule.apply(address);
		if (problem != null) {
			problems.add(FieldProblem.invalid(field, problem));
			return null;
		}
		return address;
	}

	private Instant receivedAt(Instant now, List<FieldProblem> problems) {
		if (receivedAt == null || receivedAt.isBlank()) {
			return null;
		}
		Instant received;
		try {
			String value = receivedAt.strip();
			received = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(CALENDAR).toInstant()
					: OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem("receivedAt", "invalid",
					"An ISO date (2025-01-31) or date-time with offset (2025-01-31T10:15:00+01:00)."));
			return null;
		}
		if (received.isAfter(now)) {
			problems.add(new FieldProblem("receivedAt", "in-future", "Not after now."));
			return null;
		}
		return received;
	}
}

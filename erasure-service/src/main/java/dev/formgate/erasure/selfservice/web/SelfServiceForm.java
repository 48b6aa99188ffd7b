package dev.formgate.erasure.selfservice.web;

import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.erasure.selfservice.SelfServiceOrder;
import dev.formgate.events.SubjectRefs;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.Languages;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The "Meine Daten" form as sent (form fields or JSON). The address names someone whose data may be stored: one
 * mailbox, no control or format characters (a mail goes to it); a corrected address follows the rules of every new
 * address. The page sends every field with every choice: a purpose counts only for an objection, a new address
 * only for a correction.
 *
 * @param lang the page's language, {@code de} or {@code en}: the mail and the pages speak it
 */
record SelfServiceForm(String email, String type, String purpose, String newEmail, String lang) {

	static final String DEFAULT_PURPOSE = "newsletter";
	/** The purposes a person can object to on the page: the newsletter, or all processing on Art. 6(1)(e)/(f). */
	static final Set<String> PURPOSES = Set.of(DEFAULT_PURPOSE, "public-task-or-legitimate-interests");

	@Override
	public String toString() {
		return "SelfServiceForm[" + type + "]"; // never the addresses
	}

	/** Every field checked at once; throws naming each wrong field, never echoing it. */
	SelfServiceOrder validated() {
		List<FieldProblem> problems = new ArrayList<>();
		RequestType requestType = null;
		if (type == null || type.isBlank()) {
			problems.add(FieldProblem.required("type"));
		}
		else {
			requestType = FieldRules.constant("type", type, RequestType.class, problems);
		}
		String address = address("email", email, FieldRules::referenceProblem, problems);
		String newAddress = null;
		if (requestType == RequestType.RECTIFICATION) {
			newAddress = address("newEmail", newEmail, FieldRules::addressProblem, problems);
			if (address != null && newAddress != null
					&& SubjectRefs.normalise(address).equals(SubjectRefs.normalise(newAddress))) {
				problems.add(new FieldProblem("newEmail", "unchanged", "The corrected address equals the old one."));
			}
		}
		String purposeOfObjection = null;
		if (requestType == RequestType.OBJECTION) {
			purposeOfObjection = purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose.strip();
			if (!PURPOSES.contains(purposeOfObjection)) {
				problems.add(FieldProblem.invalid("purpose", "newsletter or public-task-or-legitimate-interests."));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new SelfServiceOrder(requestType, purposeOfObjection, newAddress, Languages.orDefault(lang), address);
	}

	private static String address(String field, String value, UnaryOperator<String> rule, List<FieldProblem> problems) {
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
}

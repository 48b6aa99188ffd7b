package dev.formgate.newsletter.subscription.web;

import dev.formgate.newsletter.subscription.RequestOrigin;
import dev.formgate.newsletter.subscription.SignUp;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.Languages;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A sign-up as posted by a website form or an API client. {@code consent} is text because an HTML checkbox sends
 * {@code on}; JSON clients send {@code true}.
 */
record SignUpForm(String email, String list, String consent, String language, String formId, String website) {

	/** {@code website} is a field people do not see; a bot that fills it gets the usual answer and nothing else. */
	boolean filledHoneypot() {
		return website != null && !website.isEmpty();
	}

	private static final Pattern FORM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
	private static final Set<String> YES = Set.of("true", "on", "yes", "1");

	SignUp validated(Predicate<String> knownList, String defaultList, RequestOrigin origin) {
		List<FieldProblem> problems = new ArrayList<>();
		String address = email == null ? "" : email.strip();
		if (address.isEmpty()) {
			problems.add(new FieldProblem("email", "required", "An e-mail address is required."));
		}
		else if (FieldRules.addressProblem(address) != null) {
			problems.add(FieldProblem.invalid("email", FieldRules.addressProblem(address)));
		}
		if (consent == null || !YES.contains(consent.strip().toLowerCase(java.util.Locale.ROOT))) {
			problems.add(new FieldProblem("consent", "required", "Consent to the newsletter is required."));
		}
		String chosenList = isBlank(list) ? defaultList : list.strip();
		if (!knownList.test(chosenList)) {
			problems.add(new FieldProblem("list", "invalid", "There is no such list."));
		}
		String chosenLanguage = isBlank(language) ? Languages.DEFAULT : language.strip();
		if (!Languages.SUPPORTED.contains(chosenLanguage)) {
			problems.add(new FieldProblem("language", "invalid", "Supported languages are de and en."));
		}
		String chosenFormId = isBlank(formId) ? "default" : formId.strip();
		if (!FORM_ID.matcher(chosenFormId).matches()) {
			problems.add(new FieldProblem("formId", "invalid", "A form id has 1 to 64 letters, digits, - or _."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new SignUp(address, chosenList, chosenLanguage, chosenFormId, origin);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}
}

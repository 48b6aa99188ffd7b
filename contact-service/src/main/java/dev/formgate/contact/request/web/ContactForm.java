package dev.formgate.contact.request.web;

import dev.formgate.contact.request.ContactProperties;
import dev.formgate.contact.request.NewContactRequest;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.Languages;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A contact request as posted by a website form or an API client. Every field is text, so that a JSON object where
 * text belongs (a query operator, say) fails to bind instead of reaching the store. {@code privacy} is text because
 * an HTML checkbox sends {@code on}; JSON clients send {@code true}. {@code website} is a honeypot: people leave it
 * empty because they never see it.
 */
record ContactForm(String name, String email, String topic, String subject, String message, String privacy,
		String language, String website) {

	private static final Set<String> YES = Set.of("true", "on", "yes", "1");

	boolean isBot() {
		return website != null && !website.isBlank();
	}

	NewContactRequest validated(Predicate<String> knownTopic, ContactProperties.Limits limits) {
		List<FieldProblem> problems = new ArrayList<>();
		String chosenName = FieldRules.line("name", name, false, limits.name(), problems);
		String address = FieldRules.line("email", email, true, FieldRules.MAX_ADDRESS, problems);
		if (address != null && problems.stream().noneMatch(p -> p.field().equals("email"))) {
			String problem = addressProblem(address);
			if (problem != null) {
				problems.add(FieldProblem.invalid("email", problem));
			}
		}
		String chosenTopic = isBlank(topic) ? null : topic.strip();
		if (chosenTopic == null) {
			problems.add(new FieldProblem("topic", "required", "A topic is required."));
		}
		else if (!knownTopic.test(chosenTopic)) {
			problems.add(new FieldProblem("topic", "invalid", "There is no such topic."));
		}
		String chosenSubject = FieldRules.line("subject", subject, true, limits.subject(), problems);
		String chosenMessage = message(limits.message(), problems);
		if (privacy == null || !YES.contains(privacy.strip().toLowerCase(Locale.ROOT))) {
			problems.add(new FieldProblem("privacy", "required", "Please confirm you have read the privacy notice."));
		}
		String chosenLanguage = isBlank(language) ? Languages.DEFAULT : language.strip();
		if (!Languages.SUPPORTED.contains(chosenLanguage)) {
			problems.add(new FieldProblem("language", "invalid", "Supported languages are de and en."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new NewContactRequest(chosenTopic, chosenName, address, chosenSubject, chosenMessage, chosenLanguage);
	}

	private String message(int max, List<FieldProblem> problems) {
		if (isBlank(message)) {
			problems.add(new FieldProblem("message", "required", "A message is required."));
			return null;
		}
		String text = message.strip();
		if (FieldRules.hasControlCharactersInText(text)) {
			problems.add(new FieldProblem("message", "invalid", "Control characters are not allowed."));
		}
		else if (text.codePointCount(0, text.length()) > max) {
			problems.add(new FieldProblem("message", "too-long", "At most " + max + " characters."));
		}
		return text;
	}

	/** The shared address rule, and one more: the address goes into a Reply-To header, so it must parse as one. */
	private static String addressProblem(String address) {
		String problem = FieldRules.addressProblem(address);
		if (problem != null) {
			return problem;
		}
		try {
			new InternetAddress(address, true).validate();
			return null;
		}
		catch (AddressException e) {
			return "This is not a valid e-mail address.";
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}
}

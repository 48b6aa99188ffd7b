package dev.formgate.comment.comments.web;

import dev.formgate.comment.comments.CommentProperties;
import dev.formgate.comment.comments.NewComment;
import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.Languages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A comment as posted by the embedded form, a website's own form or an API client. Every field is text, so that a
 * JSON object where text belongs fails to bind instead of reaching the store. {@code notice} (tell me when it is published) is text because an HTML
 * checkbox sends {@code on}; the address is kept only when it is set. {@code website} is a honeypot.
 */
record CommentForm(String site, String post, String name, String text, String email, String notice, String language,
		String website) {

	private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)");
	// Joins emoji sequences (a family, a flag with a sign); the only format character a comment may hold.
	private static final int ZERO_WIDTH_JOINER = 0x200D;
	private static final Set<String> YES = Set.of("true", "on", "yes", "1");

	boolean isBot() {
		return website != null && !website.isBlank();
	}

	NewComment validated(CommentProperties properties, String clientAddress) {
		List<FieldProblem> problems = new ArrayList<>();
		CommentProperties.Limits limits = properties.limits();
		String chosenSite = isBlank(site) ? null : site.strip();
		String chosenPost = isBlank(post) ? null : post.strip();
		CommentProperties.Site known = chosenSite == null ? null : properties.sites().get(chosenSite);
		if (chosenSite == null) {
			problems.add(FieldProblem.required("site"));
		}
		else if (known == null) {
			problems.add(new FieldProblem("site", "invalid", "There is no such site."));
		}
		if (chosenPost == null) {
			problems.add(FieldProblem.required("post"));
		}
		else if (known != null && !isKnownPost(known, chosenPost)) {
			problems.add(new FieldProblem("post", "invalid", "This site has no such post."));
		}
		String chosenName = FieldRules.line("name", name, false, limits.name(), problems);
		String chosenText = text(limits, problems);
		boolean wantsNotice = notice != null && YES.contains(notice.strip().toLowerCase(Locale.ROOT));
		String address = null;
		if (wantsNotice) {
			address = FieldRules.line("email", email, true, FieldRules.MAX_ADDRESS, problems);
			if (address != null && problems.stream().noneMatch(p -> p.field().equals("email"))) {
				String problem = FieldRules.addressProblem(address);
				if (problem != null) {
					problems.add(FieldProblem.invalid("email", problem));
				}
			}
		}
		String chosenLanguage = isBlank(language) ? Languages.DEFAULT : language.strip();
		if (!Languages.SUPPORTED.contains(chosenLanguage)) {
			problems.add(new FieldProblem("language", "invalid", "Supported languages are de and en."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new NewComment(chosenSite, chosenPost, chosenName, chosenText, address, chosenLanguage, clientAddress);
	}

	private static boolean isKnownPost(CommentProperties.Site site, String post) {
		return post.matches(CommentProperties.POST_ID) && (site.posts().isEmpty() || site.posts().contains(post)
				|| site.closed().contains(post));
	}

	/** Plain text with line breaks and links, stored as typed (only stripped); rendered escaped wherever shown. */
	private String text(CommentProperties.Limits limits, List<FieldProblem> problems) {
		if (isBlank(text)) {
			problems.add(new FieldProblem("text", "required", "A comment is required."));
			return null;
		}
		String stripped = text.strip();
		if (FieldRules.hasControlCharactersInText(stripped)) {
			problems.add(new FieldProblem("text", "invalid", "Control characters are not allowed."));
		}
		else if (stripped.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT && c != ZERO_WIDTH_JOINER)) {
			problems.add(new FieldProblem("text", "invalid", "Invisible formatting characters are not allowed."));
		}
		else if (stripped.codePointCount(0, stripped.length()) > limits.text()) {
			problems.add(new FieldProblem("text", "too-long", "At most " + limits.text() + " characters."));
		}
		else if (LINK.matcher(stripped).results().count() > limits.links()) {
			problems.add(new FieldProblem("text", "too-many-links", "At most " + limits.links() + " links."));
		}
		return stripped;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}
}

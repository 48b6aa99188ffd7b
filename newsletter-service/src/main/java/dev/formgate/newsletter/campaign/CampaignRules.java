package dev.formgate.newsletter.campaign;

import dev.formgate.web.FieldRules;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an editor may write: a German subject and body (English optional, subscribers without it get German), lists
 * that exist, a body the allow-list accepts, and a pace within the operator's bounds. Every wrong field is named at
 * once, and nothing the editor sent is echoed in a problem. Plain Java, no Spring.
 */
final class CampaignRules {

	static final int MAX_SUBJECT = 200;
	static final int MAX_BODY = 100_000;
	static final List<String> LANGUAGES = List.of("de", "en");

	private final Rendering rendering;
	private final Predicate<String> knownList;
	private final CampaignProperties properties;

	CampaignRules(Rendering rendering, Predicate<String> knownList, CampaignProperties properties) {
		this.rendering = rendering;
		this.knownList = knownList;
		this.properties = properties;
	}

	/** The checked draft; throws with every problem otherwise. */
	Draft draft(CampaignForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Content> content = content(form.content(), problems);
		List<String> lists = lists(form.lists(), problems);
		Pace pace = pace(form.rate(), form.connections(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new Draft(content, lists, pace, form.archive() == null || form.archive());
	}

	/** A pace on its own (changed while sending). */
	Pace pace(Integer rate, Integer connections) {
		List<FieldProblem> problems = new ArrayList<>();
		Pace pace = pace(rate, connections, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return pace;
	}

	private Map<String, Content> content(Map<String, Content> given, List<FieldProblem> problems) {
		Map<String, Content> content = new LinkedHashMap<>();
		if (given == null || given.get("de") == null) {
			problems.add(FieldProblem.required("content.de"));
		}
		if (given == null) {
			return content;
		}
		for (String language : given.keySet()) {
			if (!LANGUAGES.contains(language)) {
				problems.add(new FieldProblem("content", "invalid", "Languages are de and en."));
			}
		}
		for (String language : LANGUAGES) {
			Content in = given.get(language);
			if (in == null) {
				continue;
			}
			String field = "content." + language;
			String subject = in.subject() == null ? "" : in.subject().strip();
			String body = in.body() == null ? "" : in.body();
			if (subject.isEmpty()) {
				problems.add(FieldProblem.required(field + ".subject"));
			}
			else if (subject.length() > MAX_SUBJECT) {
				problems.add(new FieldProblem(field + ".subject", "too-long", "At most " + MAX_SUBJECT + " characters."));
			}
			else if (subject.chars().anyMatch(Character::isISOControl) || FieldRules.hasFormatCharacters(subject)) {
				problems.add(FieldProblem.invalid(field + ".subject",
						"No line breaks, control or invisible format characters."));
			}
			if (body.isBlank()) {
				problems.add(FieldProblem.required(field + ".body"));
			}
			else if (body.length() > MAX_BODY) {
				problems.add(new FieldProblem(field + ".body", "too-long", "At most " + MAX_BODY + " characters."));
			}
			else {
				problems.addAll(rendering.check(field + ".body", body));
			}
			content.put(language, new Content(subject, body));
		}
		return content;
	}

	private List<String> lists(List<String> given, List<FieldProblem> problems) {
		if (given == null || given.isEmpty()) {
			problems.add(FieldProblem.required("lists"));
			return List.of();
		}
		LinkedHashSet<String> lists = new LinkedHashSet<>();
		for (String list : given) {
			if (list == null || !knownList.test(list)) {
				problems.add(new FieldProblem("lists", "invalid", "There is no such list."));
				return List.of();
			}
			lists.add(list);
		}
		return List.copyOf(lists);
	}

	private Pace pace(Integer rate, Integer connections, List<FieldProblem> problems) {
		int r = rate == null ? properties.rate() : rate;
		int c = connections == null ? properties.connections() : connections;
		if (r < 1 || r > properties.maxRate()) {
			problems.add(FieldProblem.invalid("rate",
					"Mails per second, from 1 to " + properties.maxRate() + "."));
		}
		if (c < 1 || c > properties.maxConnections()) {
			problems.add(FieldProblem.invalid("connections",
					"SMTP connections per instance, from 1 to " + properties.maxConnections() + "."));
		}
		return new Pace(r, c);
	}
}

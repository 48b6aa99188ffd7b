package dev.formgate.gateway.console;

import org.springframework.context.MessageSource;

import java.util.Locale;

/** Names of audit-trail actions in the page's language; an action without a name shows as recorded. */
public final class Labels {

	private final MessageSource messages;
	private final Locale locale;

	Labels(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	public String action(String action) {
		String key = "action." + action.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
		return messages.getMessage(key, null, action, locale);
	}
}

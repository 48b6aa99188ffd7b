package dev.formgate.newsletter.support;

import java.net.URI;

import static dev.formgate.newsletter.support.Http.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** Subscribers as a person makes them: signed up through the API and confirmed through the mail's link. */
public class Subscribers {

	private final dev.formgate.testing.Http http;
	private final Inbox inbox;

	public Subscribers(dev.formgate.testing.Http http, Inbox inbox) {
		this.http = http;
		this.inbox = inbox;
	}

	/** Signs up and confirms through the mail's link, awaiting the welcome mail; returns the address. */
	public String confirmed(String email, String list, String language) {
		int before = inbox.messagesTo(email).size();
		assertThat(http.postJson("/api/newsletter/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true,"
				+ "\"list\":\"" + list + "\",\"language\":\"" + language + "\"}").statusCode()).isEqualTo(202);
		URI link = URI.create(Inbox.firstLink(inbox.awaitMessages(email, before + 1)));
		String token = link.getRawQuery().replaceAll(".*token=([^&]+).*", "$1");
		assertThat(http.postForm("/newsletter/confirm", fields("token", token, "lang", language)).statusCode())
			.isEqualTo(200);
		inbox.awaitMessages(email, before + 2); // the welcome mail
		return email;
	}
}

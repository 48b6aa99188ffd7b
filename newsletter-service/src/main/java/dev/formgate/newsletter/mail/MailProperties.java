package dev.formgate.newsletter.mail;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * Mail settings (prefix {@code formgate.newsletter.mail}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from sender of all newsletter mails
 * @param publicBaseUrl where visitors reach the gateway; links in mails start with it
 * @param bounceAddress the mailbox bounces and complaints come back to: campaign mails carry it, tagged per recipient
 * ({@code bounces+<token>@domain}), as their return path; its domain is also the domain of their List-Id
 */
@Validated
@ConfigurationProperties("formgate.newsletter.mail")
public record MailProperties(@DefaultValue("Formgate Newsletter <newsletter@formgate.localhost>") @NotNull String from,
		@DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
		@DefaultValue("bounces@formgate.localhost") @NotNull String bounceAddress) {

	/** The local part of the bounce address, before any tag. */
	public String bounceLocalPart() {
		return bounceAddress.substring(0, bounceAddress.lastIndexOf('@'));
	}

	/** The domain of the bounce address. */
	public String bounceDomain() {
		return bounceAddress.substring(bounceAddress.lastIndexOf('@') + 1);
	}
}

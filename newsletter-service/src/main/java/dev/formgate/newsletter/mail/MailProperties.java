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
 */
@Validated
@ConfigurationProperties("formgate.newsletter.mail")
public record MailProperties(@DefaultValue("Formgate Newsletter <newsletter@formgate.localhost>") @NotNull String from,
		@DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl) {
}

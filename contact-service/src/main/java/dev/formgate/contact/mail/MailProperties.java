package dev.formgate.contact.mail;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Mail settings (prefix {@code formgate.contact.mail}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from sender of staff notifications and acknowledgements (the prod profile has no default)
 * @param acknowledge whether the sender gets an acknowledgement with the reference number (default true; it never
 * contains anything the sender typed)
 * @param acknowledgementCooldown at most one acknowledgement per inbox within this time, whichever variant of the
 * address ({@code +tag}, Gmail's dots) was posted (default 15 min; 0 for one per request)
 */
@Validated
@ConfigurationProperties("formgate.contact.mail")
public record MailProperties(@DefaultValue("Formgate Kontakt <kontakt@formgate.localhost>") @NotBlank String from,
		@DefaultValue("true") boolean acknowledge, @DefaultValue("15m") Duration acknowledgementCooldown) {
}

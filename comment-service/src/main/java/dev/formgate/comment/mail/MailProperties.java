package dev.formgate.comment.mail;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Mail settings (prefix {@code formgate.comment.mail}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from sender of the publication notices (the prod profile has no default)
 */
@Validated
@ConfigurationProperties("formgate.comment.mail")
public record MailProperties(@DefaultValue("Formgate Kommentare <kommentare@formgate.localhost>") @NotBlank String from) {
}

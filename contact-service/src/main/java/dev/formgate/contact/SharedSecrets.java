package dev.formgate.contact;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Secrets shared by all Formgate services (prefix {@code formgate}).
 *
 * @param pepper HMAC key for subjectRefs; must be the same in every service (≥ 32 bytes, no default outside the
 * local profile)
 */
@Validated
@ConfigurationProperties("formgate")
record SharedSecrets(@NotNull @Size(min = 32) String pepper) {
}

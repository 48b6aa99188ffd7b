package dev.formgate.service;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Secrets shared by all Formgate services (prefix {@code formgate}); no defaults outside the local profile, so a
 * service refuses to start without them.
 *
 * @param pepper HMAC key for subjectRefs, the same in every service (≥ 32 bytes, {@code FORMGATE_PEPPER})
 * @param transportKey key that seals personal data crossing Kafka (corrected addresses, access exports), the same in
 * every service (≥ 32 bytes, {@code FORMGATE_TRANSPORT_KEY})
 */
@Validated
@ConfigurationProperties("formgate")
public record SharedSecrets(@NotNull @Size(min = 32) String pepper, @NotNull @Size(min = 32) String transportKey) {
}

package dev.formgate.newsletter.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Admin access (prefix {@code formgate.admin}). An interim shared bearer credential until the gateway issues JWTs.
 *
 * @param token the bearer token admin calls must present (≥ 32 characters; no default outside the local profile)
 */
@Validated
@ConfigurationProperties("formgate.admin")
record AdminProperties(@NotNull @Size(min = 32) String token) {
}

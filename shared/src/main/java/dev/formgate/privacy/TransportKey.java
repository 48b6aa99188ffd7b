package dev.formgate.privacy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The services' shared transport key (prefix {@code formgate}, {@code FORMGATE_TRANSPORT_KEY}): seals corrected
 * addresses and access exports on Kafka. At least 32 bytes, no default outside the local profile.
 */
@Validated
@ConfigurationProperties("formgate")
public record TransportKey(@NotNull @Size(min = 32) String transportKey) {
}

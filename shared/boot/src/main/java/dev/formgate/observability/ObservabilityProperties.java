package dev.formgate.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Metrics settings shared by the services (prefix {@code formgate.observability}).
 *
 * @param gaugeRefresh how long a gauge read from the store (outbox depth, ledger counts) is reused before the store
 * is asked again (default 15 s)
 */
@ConfigurationProperties("formgate.observability")
public record ObservabilityProperties(@DefaultValue("15s") Duration gaugeRefresh) {
}

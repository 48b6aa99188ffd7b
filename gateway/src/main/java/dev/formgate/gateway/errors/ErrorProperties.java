package dev.formgate.gateway.errors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Error answers (prefix {@code formgate.gateway.errors}).
 *
 * @param retryAfter the {@code Retry-After} a {@code 503} carries when a service is down (default 5s, about the circuit
 * breaker's longest open time)
 * @param storeRetryAfter the {@code Retry-After} of a {@code 503} when the gateway's own store (used proof-of-work
 * solutions) cannot be reached (default 10s)
 */
@ConfigurationProperties("formgate.gateway.errors")
record ErrorProperties(@DefaultValue("5s") Duration retryAfter, @DefaultValue("10s") Duration storeRetryAfter) {
}

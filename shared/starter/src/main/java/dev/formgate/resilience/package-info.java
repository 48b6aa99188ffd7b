/** Resilience4j guards the services share: the bulkhead and circuit breaker around store calls of public intake. */
package dev.formgate.resilience;

/**
 * The bare applications {@code bin/bench} measures beside Formgate, each in its own JVM with the services' JVM options:
 * what WebFlux, Spring Cloud Gateway and Spring MVC with one MongoDB insert do on this machine with nothing of Formgate
 * in them. Benchmark-only: no service jar contains them.
 */
package dev.formgate.infra.bench.bare;

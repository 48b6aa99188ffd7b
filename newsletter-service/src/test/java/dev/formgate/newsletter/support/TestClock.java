package dev.formgate.newsletter.support;

/** The shared test clock under the name this service's tests know. */
public class TestClock extends dev.formgate.testing.TestClock {
}

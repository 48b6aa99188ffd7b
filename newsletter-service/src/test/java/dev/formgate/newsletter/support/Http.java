package dev.formgate.newsletter.support;

/** The shared test client under the name this service's tests know. */
public class Http extends dev.formgate.testing.Http {

	public Http(String base) {
		super(base);
	}
}

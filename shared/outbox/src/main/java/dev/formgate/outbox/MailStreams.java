package dev.formgate.outbox;

import jakarta.mail.util.StreamProvider;

import java.util.ServiceConfigurationError;

/**
 * Names Jakarta Mail's stream provider once per JVM. Jakarta Mail 2.1 looks its stream provider up with a
 * ServiceLoader every time it encodes or decodes a header or writes a body, several times per mail
 * (jakartaee/mail-api#861); under Spring Boot's nested-jar class loader that scan of every jar's
 * {@code META-INF/services} was about half of a relay's CPU time, and most of the dev mail server's (BENCHMARKS.md).
 * It reads a system property first: naming there the provider the search finds makes every later lookup the load of
 * a loaded class. Every service's mails ({@link MailBatches}) and the local stack's mail server call it before the
 * first mail; a provider the operator names stays.
 */
public final class MailStreams {

	/** The system property Jakarta Mail reads before it searches the class path for a stream provider. */
	static final String PROPERTY = StreamProvider.class.getName();

	private MailStreams() {
	}

	/** Searches once for the stream provider and names it, unless one is named already. */
	public static void nameProvider() {
		if (System.getProperty(PROPERTY) != null) {
			return;
		}
		try {
			System.setProperty(PROPERTY, StreamProvider.provider().getClass().getName());
		}
		catch (RuntimeException | ServiceConfigurationError e) {
			// no provider on the class path: nothing to name, and Jakarta Mail fails as it would have anyway
		}
	}
}

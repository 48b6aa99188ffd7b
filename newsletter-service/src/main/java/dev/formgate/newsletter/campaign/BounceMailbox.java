package dev.formgate.newsletter.campaign;

import dev.formgate.lease.Leases;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the bounce mailbox over IMAP ({@link BounceProperties}) through the circuit breaker {@code bounce-mailbox}:
 * each unseen mail is read ({@link ReturnedMail}) and done ({@link Bounces}); a mail done is deleted (or moved to the
 * processed folder), one not understood is left in the mailbox, marked seen so that it is counted once, for a person
 * to look at. Nothing of a mail's content is logged, kept or counted by name; the log and the metric
 * {@code formgate.newsletter.bounce.mails} have counts by outcome only. A mail whose handling failed (the store away)
 * stays unseen and is read again next time; doing one twice changes nothing. With several instances, the one that
 * holds the lease {@value #LEASE} ({@link Leases}) reads, renewing it at each reading and after each mail; the others
 * skip their readings, and take over once a crashed holder's lease ended.
 */
final class BounceMailbox implements AutoCloseable {

	/** The name of the lease on the mailbox in the service's store. */
	static final String LEASE = "bounce-mailbox";

	private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

	/** What became of a mail. */
	enum Outcome {
		HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE, NOTHING_TO_DO, NOT_UNDERSTOOD
	}

	/** One reading's counts. */
	record Reading(Map<Outcome, Integer> counts) {

		int of(Outcome outcome) {
			return counts.getOrDefault(outcome, 0);
		}
	}

	private final BounceProperties properties;
	private final ReturnedMail reader;
	private final Bounces bounces;
	private final CircuitBreaker breaker;
	private final Leases leases;
	private final String instance;
	private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

	/** @param instance this instance's name as the lease's holder */
	BounceMailbox(BounceProperties properties, ReturnedMail reader, Bounces bounces, CircuitBreaker breaker,
			MeterRegistry registry, Leases leases, String instance) {
		this.properties = properties;
		this.reader = reader;
		this.bounces = bounces;
		this.breaker = breaker;
		this.leases = leases;
		this.instance = instance;
		for (Outcome outcome : Outcome.values()) {
			counters.put(outcome, Counter.builder("formgate.newsletter.bounce.mails")
				.description("Mails read from the bounce mailbox, by what became of them")
				.tag("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.register(registry));
		}
	}

	/**
	 * Reads the mailbox once if this instance holds the lease on it (else nothing: another instance reads); never
	 * throws (a failed reading is tried again at the next interval).
	 */
	Reading readOnce() {
		try {
			if (!holdsLease()) {
				return new Reading(Map.of());
			}
			Reading reading = breaker.executeCallable(this::read);
			if (reading.counts().values().stream().anyMatch(n -> n > 0)) {
				log.info("Bounce mailbox: {}", reading.counts());
			}
			return reading;
		}
		catch (CallNotPermittedException open) {
			return new Reading(Map.of()); // the breaker is open: the mailbox was failing, try later
		}
		catch (Exception e) {
			log.warn("Reading the bounce mailbox failed ({}), the next reading tries again", e.getClass().getSimpleName());
			return new Reading(Map.of());
		}
	}

	private Reading read() throws MessagingException {
		Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
		Session session = Session.getInstance(sessionProperties());
		try (Store store = session.getStore(properties.protocol())) {
			store.connect(properties.host(), properties.port(), properties.username(), properties.password());
			Folder folder = store.getFolder(properties.folder());
			folder.open(Folder.READ_WRITE);
			Folder processed = processedFolder(store);
			try {
				Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
				int n = Math.min(unseen.length, properties.batchSize());
				// the lease is renewed before each mail: an instance that lost it (it stalled longer than the
				// lease) stops, and the one that took over reads what is left
				for (int i = 0; i < n && (i == 0 || holdsLease()); i++) {
					Outcome outcome = handle(unseen[i], folder, processed);
					counts.merge(outcome, 1, Integer::sum);
					counters.get(outcome).increment();
				}
			}
			finally {
				folder.close(true); // expunges the deleted
			}
		}
		return new Reading(counts);
	}

	/** Takes or renews the lease on the mailbox. */
	private boolean holdsLease() {
		return leases.claim(LEASE, instance, properties.lease());
	}

	/** Gives the lease up when the instance stops, so another one reads without waiting for the lease to end. */
	@Override
	public void close() {
		try {
			leases.release(LEASE, instance);
		}
		catch (RuntimeException storeAway) {
			// the lease ends by itself
		}
	}

	private Outcome handle(Message message, Folder folder, Folder processed) throws MessagingException {
		// a copy of the whole mail, read with PEEK: reading leaves it unseen until it is done or not understood
		Optional<ReturnedMail.Report> report = reader.read(new MimeMessage((MimeMessage) message));
		if (report.isEmpty() || !bounces.apply(report.get())) {
			message.setFlag(Flags.Flag.SEEN, true);
			return Outcome.NOT_UNDERSTOOD;
		}
		if (processed != null) {
			folder.copyMessages(new Message[] { message }, processed);
		}
		message.setFlag(Flags.Flag.DELETED, true);
		return Outcome.valueOf(report.get().kind().name());
	}

	private Folder processedFolder(Store store) throws MessagingException {
		if (properties.processedFolder() == null || properties.processedFolder().isBlank()) {
			return null;
		}
		Folder processed = store.getFolder(properties.processedFolder());
		if (!processed.exists()) {
			processed.create(Folder.HOLDS_MESSAGES);
		}
		return processed;
	}

	private Properties sessionProperties() {
		String p = "mail." + properties.protocol() + ".";
		String timeout = String.valueOf(properties.timeout().toMillis());
		Properties session = new Properties();
		session.put(p + "peek", "true");
		session.put(p + "connectiontimeout", timeout);
		session.put(p + "timeout", timeout);
		session.put(p + "writetimeout", timeout);
		if (properties.protocol().equals("imaps")) {
			session.put(p + "ssl.checkserveridentity", "true");
		}
		return session;
	}
}

package dev.formgate.outbox;

import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What a document owes the outside world, kept in the document itself so that a state change and the duty to announce
 * it are one atomic single-document write (no transaction needed): the events recorded with the change, the mails it
 * owes, when the relay should look at the document next and how many times in a row it failed.
 * <p>
 * Embed it with {@code @Unwrapped.Empty}: its fields sit at the top of the document ({@value #EVENTS}, {@value #MAILS},
 * {@value #DUE} indexed, {@value #FAILURES}), the names documents have always had. The owner changes state and owes
 * work through it; the relay ({@link OutboxRelay}) hands on what is owed and records what went out.
 */
public class Outbox {

	/** The stored field names; the due time is indexed, the relay's sweep asks for it. */
	public static final String EVENTS = "outbox";
	public static final String MAILS = "mails";
	public static final String DUE = "relayDue";
	public static final String FAILURES = "relayFailures";

	@Field(EVENTS)
	private List<OutboxEvent> events = new ArrayList<>();

	@Field(MAILS)
	private List<OwedMail> mails = new ArrayList<>();

	/** When the relay should look at the document next; null when nothing is owed. */
	@Indexed
	@Field(DUE)
	private Instant relayDue;

	@Field(FAILURES)
	private int relayFailures;

	/** Owes this event: it goes out as recorded here, the relay looks at the document now. */
	public void record(OutboxEvent event, Instant now) {
		events.add(event);
		relayDue = now;
	}

	/** Owes this mail; the relay composes and sends it now. */
	public void owe(OwedMail mail, Instant now) {
		mails.add(mail);
		relayDue = now;
	}

	/** Mails that no longer fit the owner's state are not owed any more. */
	public void dropMails(Predicate<OwedMail> which) {
		mails.removeIf(which);
		settle();
	}

	/** Nothing owed is to go out any more (a cancelled request, say). */
	public void dropAll() {
		events.clear();
		mails.clear();
		settle();
	}

	/**
	 * The owner wants the relay to look at the document at this time for its own reasons (a deadline, say), or not
	 * at all (null) once nothing else is owed. Owed events and mails keep their own due time.
	 */
	public void lookAt(Instant at) {
		if (events.isEmpty() && mails.isEmpty()) {
			relayDue = at;
			relayFailures = 0;
		}
		else if (relayDue == null) {
			relayDue = at;
		}
	}

	/**
	 * Processing is restricted (Art. 18): owed mails stay, unsent, and the relay stops looking at the document once
	 * its events are out; {@link #releaseMails} makes them due again.
	 */
	public void holdMails() {
		if (events.isEmpty()) {
			relayDue = null;
			relayFailures = 0;
		}
	}

	/** The restriction is lifted: held mails are due now. False if none were held. */
	public boolean releaseMails(Instant now) {
		if (mails.isEmpty()) {
			return false;
		}
		relayDue = now;
		return true;
	}

	/** Kafka acknowledged these events. */
	public void eventsRelayed(Set<String> eventIds) {
		events.removeIf(e -> eventIds.contains(e.eventId()));
		settle();
	}

	/** The SMTP server accepted this mail (or it was dropped as no longer fitting). */
	public void mailSent(String mailId) {
		mails.removeIf(m -> m.mailId().equals(mailId));
		settle();
	}

	/** A dependency failed: look again after a backoff that grows with the failures in a row. */
	public void relayFailed(Instant now, Duration maxBackoff) {
		relayFailures++;
		relayDue = Backoff.retryAt(now, relayFailures, maxBackoff);
	}

	/** Replaces events recorded before they were kept as they go out, see {@link OutboxEvent#isLegacy()}. */
	public void upgrade(UnaryOperator<OutboxEvent> legacy) {
		events.replaceAll(e -> e.isLegacy() ? legacy.apply(e) : e);
	}

	private void settle() {
		if (events.isEmpty() && mails.isEmpty()) {
			relayDue = null;
			relayFailures = 0;
		}
	}

	public List<OutboxEvent> events() {
		return List.copyOf(events);
	}

	public List<OwedMail> mails() {
		return List.copyOf(mails);
	}

	public boolean owesEvents() {
		return !events.isEmpty();
	}

	public boolean owesMails() {
		return !mails.isEmpty();
	}

	public boolean hasLegacyEvents() {
		return events.stream().anyMatch(OutboxEvent::isLegacy);
	}

	/** When the relay should look at the document next; null when nothing is owed. */
	public Instant due() {
		return relayDue;
	}

	public int failures() {
		return relayFailures;
	}
}

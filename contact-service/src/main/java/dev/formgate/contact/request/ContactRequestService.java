package dev.formgate.contact.request;

import dev.formgate.contact.mail.MailProperties;
import dev.formgate.events.ContactRequestId;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.InboxCooldowns;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.privacy.Restrictions;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Receiving requests, the staff workflow, and retention. Every change is one versioned single-document write. */
@Service
public class ContactRequestService {

	/** Where the acknowledgement cooldown's claims live (a keyed hash of the inbox and when the cooldown ends). */
	static final String ACKNOWLEDGEMENT_COOLDOWNS = "acknowledgement_cooldowns";
	private static final String ACKNOWLEDGEMENT = "acknowledgement";

	private final ContactRequests requests;
	private final ContactProperties properties;
	private final boolean acknowledge;
	private final Duration acknowledgementCooldown;
	private final InboxCooldowns acknowledgements;
	private final SubjectRefs subjectRefs;
	private final OutboxRelay<ContactRequest> relay;
	private final Restrictions restrictions;
	private final ContactMetrics metrics;
	private final Clock clock;

	ContactRequestService(ContactRequests requests, ContactProperties properties, MailProperties mail,
			SubjectRefs subjectRefs, OutboxRelay<ContactRequest> relay, Restrictions restrictions,
			InboxCooldowns acknowledgements, ContactMetrics metrics, Clock clock) {
		this.requests = requests;
		this.metrics = metrics;
		this.restrictions = restrictions;
		this.properties = properties;
		this.acknowledge = mail.acknowledge();
		this.acknowledgementCooldown = mail.acknowledgementCooldown();
		this.acknowledgements = acknowledgements;
		this.subjectRefs = subjectRefs;
		this.relay = relay;
		this.clock = clock;
	}

	public boolean isKnownTopic(String topic) {
		return properties.topics().containsKey(topic);
	}

	public ContactProperties.Limits limits() {
		return properties.limits();
	}

	/**
	 * Stores the request and, in the same write, the notification it owes staff, the event it owes Kafka and the
	 * sender's acknowledgement, unless the sender's inbox had one within the cooldown (any variant of the address).
	 */
	public ContactRequestId receive(NewContactRequest request) {
		Instant now = clock.instant();
		boolean acknowledged = acknowledge
				&& acknowledgements.claim(request.email(), ACKNOWLEDGEMENT, now, acknowledgementCooldown);
		ContactRequest received = ContactRequest.received(request, subjectRefs.of(request.email()), acknowledged,
				now);
		requests.insert(received);
		relay.wakeUp(received.id());
		metrics.received(request.topic());
		return received.requestId();
	}

	public ContactRequestPage find(ContactRequestFilter filter, int page, int size) {
		Instant now = clock.instant();
		Instant overdueBefore = overdueBefore(now);
		List<ContactRequest> found = requests.page(filter, now, overdueBefore, page, size);
		Map<String, Instant> restricted = restrictions
			.sinceAmong(found.stream().map(r -> r.subjectRef().value()).distinct().toList());
		List<ContactRequestDetails> items = found.stream()
			.map(r -> ContactRequestDetails.of(r, overdueBefore, restricted.get(r.subjectRef().value()))).toList();
		return new ContactRequestPage(items, requests.count(filter, now, overdueBefore));
	}

	public ContactRequestDetails get(String id) {
		return requests.findVisible(id)
			.map(r -> ContactRequestDetails.of(r, overdueBefore(clock.instant()), restrictedSince(r)))
			.orElseThrow(ContactRequestNotFound::new);
	}

	/**
	 * Throws {@link IllegalStateChange} where the workflow does not lead, {@link ProcessingRestricted} while the
	 * sender's processing is restricted (Art. 18) and the restriction covers the request; moving to the current state
	 * is a no-op.
	 */
	public ContactRequestDetails moveTo(String id, ContactRequestState next) {
		String[] closedTopic = new String[1];
		ContactRequestDetails moved = change(id, (request, now) -> {
			if (request.isRestrictedBy(restrictedSince(request))) {
				throw new ProcessingRestricted();
			}
			boolean changed = request.moveTo(next, now);
			closedTopic[0] = changed && next == ContactRequestState.CLOSED ? request.topic() : null;
		});
		if (next == ContactRequestState.CLOSED) {
			relay.wakeUp(id); // after the write: the relay must find the closing event in the document
		}
		if (closedTopic[0] != null) {
			metrics.closed(closedTopic[0]);
		}
		return moved;
	}

	public ContactRequestDetails addNote(String id, String text, String author) {
		return change(id, (request, now) -> request.addNote(text, author, now));
	}

	public ContactRequestDetails holdLegally(String id, String reason, String by) {
		return change(id, (request, now) -> request.holdLegally(reason, by, now));
	}

	public ContactRequestDetails releaseLegalHold(String id) {
		return change(id, (request, now) -> request.releaseLegalHold(now));
	}

	/** Retention: closed requests past their period lose all personal data now, unless a legal hold keeps them. */
	public PurgeReport purgeClosed() {
		Instant cutoff = clock.instant().minus(properties.retention().closed());
		List<String> purged = new ArrayList<>();
		long held = 0;
		for (ContactRequest candidate : requests.closedBefore(cutoff)) {
			boolean done = requests.update(candidate.id(), request -> {
				Instant now = clock.instant();
				if (request == null || !request.isDueForPurge(now.minus(properties.retention().closed()))
						|| request.isRestrictedBy(restrictedSince(request))) {
					return false; // a restriction keeps the data (Art. 18(1)(b), (c))
				}
				request.purge(now);
				return true;
			});
			if (done) {
				purged.add(candidate.id());
				relay.wakeUp(candidate.id());
			}
			else if (candidate.legalHold() != null) {
				held++;
			}
		}
		return new PurgeReport(List.copyOf(purged), held);
	}

	/** Retention: acknowledgement cooldowns that are over. Returns how many were deleted. */
	public long purgeAcknowledgementCooldowns() {
		return acknowledgements.purge(clock.instant());
	}

	/** Open requests received before {@code formgate.contact.overdue-after} ago. */
	public long countOverdue() {
		Instant now = clock.instant();
		return requests.count(new ContactRequestFilter(null, null, null, true), now, overdueBefore(now));
	}

	private Instant restrictedSince(ContactRequest request) {
		return restrictions.since(request.subjectRef()).orElse(null);
	}

	private Instant overdueBefore(Instant now) {
		return now.minus(properties.overdueAfter());
	}

	private ContactRequestDetails change(String id, BiConsumer<ContactRequest, Instant> change) {
		return requests.update(id, request -> {
			if (request == null || request.isPurged()) {
				throw new ContactRequestNotFound();
			}
			Instant now = clock.instant();
			change.accept(request, now);
			return ContactRequestDetails.of(request, overdueBefore(now), restrictedSince(request));
		});
	}
}

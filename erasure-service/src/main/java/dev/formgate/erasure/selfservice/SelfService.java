package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.AccessExport;
import dev.formgate.erasure.ledger.Ledger;
import dev.formgate.erasure.ledger.NewPrivacyRequest;
import dev.formgate.erasure.ledger.PrivacyRequestView;
import dev.formgate.erasure.ledger.ReceivedVia;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.erasure.registry.Registry;
import dev.formgate.erasure.selfservice.LinkPage.Kind;
import dev.formgate.erasure.selfservice.SelfServiceRequest.Address;
import dev.formgate.erasure.selfservice.SelfServiceRequest.State;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.InboxCooldowns;
import dev.formgate.outbox.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-service data rights (docs/privacy.md, "Meine Daten"): a request is mailed as a link to the address it names,
 * the same whether or not any store holds data about it; only the POST behind the link's button files it with the
 * ledger, as received through self-service with the identity verified by control of the address. The same link then
 * shows the ledger's progress, the receipt and, for access, the export. Logged by ids only.
 */
@Service
public class SelfService {

	/** How the person's identity was verified, as the ledger records it. */
	static final String VERIFIED_BY = "control of the address";
	static final String COOLDOWN_SCOPE = "self-service";
	static final int MAX_TOKEN = 200;

	private static final Logger log = LoggerFactory.getLogger(SelfService.class);

	private final SelfServiceRequests requests;
	private final Ledger ledger;
	private final Registry registry;
	private final SubjectRefs subjectRefs;
	private final InboxCooldowns cooldowns;
	private final OutboxRelay<SelfServiceRequest> relay;
	private final SelfServiceProperties settings;
	private final Clock clock;

	SelfService(SelfServiceRequests requests, Ledger ledger, Registry registry, SubjectRefs subjectRefs,
			InboxCooldowns verificationCooldowns, OutboxRelay<SelfServiceRequest> selfServiceRelay,
			SelfServiceProperties settings, Clock clock) {
		this.requests = requests;
		this.ledger = ledger;
		this.registry = registry;
		this.subjectRefs = subjectRefs;
		this.cooldowns = verificationCooldowns;
		this.relay = selfServiceRelay;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Stores the request and, in the same write, the verification mail it owes, unless the inbox got one within the
	 * cooldown: then nothing happens. Either way the caller answers the same.
	 */
	public void request(SelfServiceOrder order) {
		Instant now = clock.instant();
		if (!cooldowns.claim(order.email(), COOLDOWN_SCOPE, now, settings.cooldown())) {
			log.info("Self-service request not stored: its inbox got a verification mail within the cooldown");
			return;
		}
		SelfServiceRequest request = SelfServiceRequest.requested(order.type(), order.purpose(), order.language(),
				subjectRefs.of(order.email()).value(), order.email(), order.newEmail(), now,
				now.plus(settings.linkValidity()));
		requests.insert(request);
		relay.wakeUp(request.id());
		log.info("Self-service request {} ({}) stored, verification mail owed", request.id(), request.type());
	}

	/** What the link shows when opened (a GET: nothing changes). */
	public LinkPage open(String token) {
		Instant now = clock.instant();
		Link link = link(token, now);
		if (link == null) {
			return LinkPage.invalid();
		}
		SelfServiceRequest request = link.request();
		return switch (request.state()) {
			case AWAITING_CONFIRMATION -> link.address() == Address.REQUESTING ? LinkPage.of(Kind.CONFIRM, request)
					: LinkPage.invalid();
			case AWAITING_NEW_ADDRESS -> LinkPage.of(
					link.address() == Address.NEW ? Kind.CONFIRM_NEW_ADDRESS : Kind.AWAITING_NEW_ADDRESS, request);
			case FILED -> status(Kind.STATUS, request);
		};
	}

	/**
	 * The link's button: files the request (a rectification once both addresses confirmed). A second click, a link
	 * for another request type, an unknown, expired or tampered link file nothing.
	 *
	 * @param type the request type the page showed; it must be the link's
	 */
	public LinkPage confirm(String token, RequestType type) {
		Instant now = clock.instant();
		Link link = link(token, now);
		if (link == null) {
			return LinkPage.invalid();
		}
		SelfServiceRequest request = link.request();
		if (type != request.type()) {
			log.info("Self-service request {}: confirmed for another request type, nothing filed", request.id());
			return LinkPage.of(Kind.WRONG_TYPE, request);
		}
		return switch (request.state()) {
			case FILED -> status(Kind.ALREADY_CONFIRMED, request);
			case AWAITING_CONFIRMATION -> {
				if (link.address() != Address.REQUESTING) {
					yield LinkPage.invalid();
				}
				cooldowns.release(request.email(), COOLDOWN_SCOPE);
				yield request.type() == RequestType.RECTIFICATION ? awaitNewAddress(request.id(), now)
						: file(request, now);
			}
			case AWAITING_NEW_ADDRESS -> link.address() == Address.NEW ? file(request, now)
					: LinkPage.of(Kind.AWAITING_NEW_ADDRESS, request);
		};
	}

	/** The access export behind a filed access request's link, once every store answered and while it is kept. */
	public Optional<AccessExport> export(String token) {
		Link link = link(token, clock.instant());
		if (link == null || link.request().state() != State.FILED
				|| link.request().type() != RequestType.ACCESS) {
			return Optional.empty();
		}
		PrivacyRequestView filed = ledger.get(link.request().privacyRequestId());
		if (!filed.state().isFinished()) {
			return Optional.empty();
		}
		return Optional.of(ledger.export(filed.id()));
	}

	/** Deletes the requests whose link has expired, and the cooldowns that are over. */
	long purge() {
		Instant now = clock.instant();
		cooldowns.purge(now);
		return requests.purgeExpired(now);
	}

	private LinkPage awaitNewAddress(String id, Instant now) {
		SelfServiceRequest changed = requests.update(id, fresh -> {
			if (fresh != null && fresh.state() == State.AWAITING_CONFIRMATION) {
				fresh.awaitNewAddress(now, now.plus(settings.linkValidity()));
			}
			return fresh;
		});
		relay.wakeUp(id);
		log.info("Self-service request {} confirmed at its address; the corrected address must confirm too", id);
		return changed == null ? LinkPage.invalid() : LinkPage.of(Kind.AWAITING_NEW_ADDRESS, changed);
	}

	/**
	 * Files under the id chosen when the request was made, so that a second click or a crash between the two writes
	 * files it once; then records the filing here.
	 */
	private LinkPage file(SelfServiceRequest request, Instant now) {
		String held = heldForReview(request.type());
		ledger.file(new NewPrivacyRequest(request.type(), null, request.newEmail(), request.purpose(),
				ReceivedVia.SELF_SERVICE, null, null, VERIFIED_BY, held), new SubjectRef(request.subjectRef()),
				new PrivacyRequestId(request.privacyRequestId()));
		SelfServiceRequest filed = requests.update(request.id(), fresh -> {
			if (fresh != null && fresh.state() != State.FILED) {
				fresh.filed(now, now.plus(settings.statusPeriod()));
			}
			return fresh;
		});
		log.info("Self-service request {} confirmed and filed as privacy request {}", request.id(),
				request.privacyRequestId());
		return filed == null ? LinkPage.invalid() : status(Kind.STATUS, filed);
	}

	/** Why a confirmed request of this type waits for the officer, or null if it goes out at once. */
	String heldForReview(RequestType type) {
		return switch (settings.policy(type)) {
			case AUTOMATIC -> null;
			case REVIEW -> "self-service requests of this type are reviewed by the privacy officer";
			case REVIEW_WHERE_LEGAL_HOLDS -> registry.storesWithLegalHolds().isEmpty() ? null
					: "a store can keep data under a legal hold (Art. 17(3) GDPR)";
		};
	}

	private LinkPage status(Kind kind, SelfServiceRequest request) {
		PrivacyRequestView filed = ledger.get(request.privacyRequestId());
		return new LinkPage(kind, request.type(), request.purpose(), filed,
				filed.state().isOpen() ? null : ledger.receipt(filed.id()));
	}

	/** The request a token names, and which of its addresses the link went to; null for anything else. */
	private Link link(String token, Instant now) {
		if (token == null || token.length() > MAX_TOKEN) {
			return null;
		}
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return null;
		}
		String id = token.substring(0, dot);
		try {
			if (!UUID.fromString(id).toString().equals(id)) {
				return null;
			}
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
		Optional<SelfServiceRequest> found = requests.find(id);
		if (found.isEmpty() || found.get().isExpired(now)) {
			return null;
		}
		Address address = found.get().addressOf(token.substring(dot + 1));
		return address == null ? null : new Link(found.get(), address);
	}

	private record Link(SelfServiceRequest request, Address address) {
	}
}

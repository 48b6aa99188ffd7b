package dev.formgate.erasure.ledger;

import dev.formgate.erasure.registry.Registry;
import dev.formgate.erasure.registry.StoreAnnounced;
import dev.formgate.erasure.registry.StoreInventory;
import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Files data-subject requests, tracks their deadlines and records the stores' answers. Every change is one
 * versioned single-document write; what must reach Kafka waits in the document for the {@link OutboxRelay}.
 */
@Service
public class Ledger {

	private static final Logger log = LoggerFactory.getLogger(Ledger.class);

	private final PrivacyRequests requests;
	private final Registry registry;
	private final SubjectRefs subjectRefs;
	private final TransportSeal seal;
	private final OutboxRelay<PrivacyRequest> relay;
	private final LedgerProperties settings;
	private final JsonMapper json;
	private final Clock clock;

	Ledger(PrivacyRequests requests, Registry registry, SubjectRefs subjectRefs, TransportSeal seal, OutboxRelay<PrivacyRequest> relay,
			LedgerProperties settings, JsonMapper json, Clock clock) {
		this.requests = requests;
		this.registry = registry;
		this.subjectRefs = subjectRefs;
		this.seal = seal;
		this.relay = relay;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Stores the request under the subject's reference, expecting every store registered to answer, and in the same
	 * write the event that fans it out. The addresses end here: hashed, and the corrected one sealed for the request;
	 * a comment id too: the subject is the comment's own reference.
	 */
	public PrivacyRequestView file(NewPrivacyRequest request) {
		return file(request, request.commentId() != null ? subjectRefs.ofComment(request.commentId())
				: subjectRefs.of(request.email()));
	}

	/**
	 * Files a request for a subject named by reference (the address, if the request has one, is not used for it). A
	 * request held for review is stored without going out; {@link #approve} sends it.
	 */
	public PrivacyRequestView file(NewPrivacyRequest request, SubjectRef subject) {
		return file(request, subject, PrivacyRequestId.random());
	}

	/**
	 * Files a request under an id the caller chose (the self-service page records it first), once: filed again, it
	 * answers the request filed before and changes nothing.
	 */
	public PrivacyRequestView file(NewPrivacyRequest request, SubjectRef subject, PrivacyRequestId id) {
		Instant now = clock.instant();
		Optional<PrivacyRequest> earlier = requests.find(id.value());
		if (earlier.isPresent()) {
			return PrivacyRequestView.of(earlier.get(), now);
		}
		SubjectRef newSubjectRef = null;
		String sealedNewAddress = null;
		if (request.type() == RequestType.RECTIFICATION) {
			newSubjectRef = subjectRefs.of(request.newEmail());
			sealedNewAddress = seal.seal(id, request.newEmail().strip());
		}
		PrivacyRequest filed = PrivacyRequest.filed(id, request, subject, newSubjectRef, sealedNewAddress,
				registry.answeringStores(), now, settings);
		try {
			requests.insert(filed);
		}
		catch (DuplicateKeyException concurrently) {
			return get(id.value());
		}
		relay.wakeUp(filed.id());
		if (filed.state() == RequestState.RECEIVED) {
			erasureGoesOut(filed);
		}
		log.info("Privacy request {} ({}, {}) filed, {}", filed.id(), filed.type(), filed.receivedVia(),
				filed.state() == RequestState.AWAITING_REVIEW ? "held for review"
						: filed.stores().size() + " stores expected");
		return PrivacyRequestView.of(filed, now);
	}

	/** The officer approves a held request: it goes out to every store registered now. */
	public PrivacyRequestView approve(String id, String by) {
		List<String> stores = registry.answeringStores();
		PrivacyRequestView approved = change(id, (request, now) -> request.approve(by, stores, now, settings));
		relay.wakeUp(id);
		requests.find(id).ifPresent(this::erasureGoesOut);
		log.info("Privacy request {} approved after review", id);
		return approved;
	}

	/** The officer declines a held request; the reason is shown to the person. Nothing goes out. */
	public PrivacyRequestView decline(String id, String by, String reason) {
		PrivacyRequestView declined = change(id, (request, now) -> request.decline(by, reason, now));
		log.info("Privacy request {} declined after review", id);
		return declined;
	}

	public PrivacyRequestView get(String id) {
		return PrivacyRequestView.of(found(id), clock.instant());
	}

	public PrivacyRequestPage find(PrivacyRequestFilter filter, int page, int size) {
		Instant now = clock.instant();
		return new PrivacyRequestPage(requests.page(filter, now, page, size).stream()
			.map(r -> PrivacyRequestView.of(r, now)).toList(), requests.count(filter, now));
	}

	/** Art. 12(3): by up to two months in total, for a recorded reason; only while the request is open. */
	public PrivacyRequestView extend(String id, int months, String reason) {
		return change(id, (request, now) -> request.extend(months, reason, now));
	}

	public PrivacyRequestView cancel(String id, String reason) {
		return change(id, (request, now) -> request.cancel(reason, now));
	}

	/** Once the request is over: its dates and each store's outcome, without personal data. */
	public Receipt receipt(String id) {
		PrivacyRequest request = found(id);
		if (request.state().isOpen()) {
			throw new LedgerConflict(ProblemType.NOT_FINISHED,
					"The receipt is issued once every store has answered or the request was cancelled.");
		}
		return Receipt.of(request, clock.instant());
	}

	/**
	 * Assembles the access export from the stores' sealed answers and the registry's categories. The first download
	 * starts the retention period after which the data leaves the ledger.
	 */
	public AccessExport export(String id) {
		PrivacyRequest request = found(id);
		if (request.type() != RequestType.ACCESS) {
			throw new LedgerConflict(ProblemType.NOT_AN_ACCESS_REQUEST, "Only access requests have an export.");
		}
		if (!request.state().isFinished()) {
			throw new LedgerConflict(ProblemType.NOT_FINISHED, "The export is ready once every store has answered.");
		}
		if (request.exportPurgedAt() != null) {
			throw new ExportGone();
		}
		Instant now = clock.instant();
		List<AccessExport.StoreExport> stores = new ArrayList<>();
		for (StoreTask task : request.stores()) {
			List<Category> categories = registry.find(task.store()).map(StoreInventory::categories).orElse(List.of());
			StoreAnswer answer = task.answer();
			JsonNode data = null;
			String problem = null;
			if (answer.sealedData() != null) {
				try {
					data = json.readTree(seal.open(request.requestId(), answer.sealedData()));
				}
				catch (IllegalArgumentException | JacksonException e) {
					// Never the data or the parser's message, which may quote it.
					log.warn("Export of request {}: the data of store {} could not be opened or read", id,
							task.store());
					problem = "The store's data could not be opened or read.";
				}
			}
			stores.add(new AccessExport.StoreExport(task.store(), answer.outcome(), answer.reason(), categories, data,
					problem));
		}
		requests.update(id, fresh -> {
			if (fresh != null) {
				fresh.exportDownloaded(now, settings);
			}
			return null;
		});
		return new AccessExport(id, now, List.copyOf(stores));
	}

	/** A store's answer; answers to requests or from stores the ledger does not know are dropped (logged by id). */
	void record(StoreOutcomeReported answer) {
		if (answer.requestId() == null || answer.store() == null || answer.outcome() == null) {
			log.warn("Ignored an outcome without request id, store or outcome");
			return;
		}
		String id = answer.requestId().value();
		PrivacyRequest.Recorded result = requests.update(id,
				fresh -> fresh == null ? null : fresh.record(answer, clock.instant(), settings));
		if (result == null) {
			log.info("Ignored an outcome for unknown privacy request {}", id);
		}
		else if (result == PrivacyRequest.Recorded.UNKNOWN_STORE) {
			log.info("Ignored an outcome for privacy request {} from a store it does not wait for", id);
		}
		else if (result == PrivacyRequest.Recorded.OTHER_SUBJECT) {
			log.warn("Ignored an outcome for privacy request {} naming another subject", id);
		}
		else if (result == PrivacyRequest.Recorded.RECORDED) {
			log.info("Privacy request {}: store {} answered {}", id, answer.store(), answer.outcome());
		}
	}

	/** A store that answers requests must answer every open one too: they go out again, expecting it. */
	@EventListener
	void storeAnnounced(StoreAnnounced store) {
		if (!store.answersRequests()) {
			return;
		}
		for (String id : requests.open()) {
			boolean added = requests.update(id,
					fresh -> fresh != null && fresh.expect(store.store(), clock.instant(), settings));
			if (added) {
				relay.wakeUp(id);
				log.info("Privacy request {} sent again for newly registered store {}", id, store.store());
			}
		}
	}

	/**
	 * An erasure that goes out takes the subject's earlier access exports with it: the ledger's sealed copy of their
	 * data is theirs too, and must not outlive the stores' data until its retention ends.
	 */
	private void erasureGoesOut(PrivacyRequest erasure) {
		if (erasure.type() != RequestType.ERASURE) {
			return;
		}
		Instant now = clock.instant();
		for (String id : requests.accessRequestsOf(erasure.subjectRef().value())) {
			if (requests.update(id, fresh -> fresh != null && fresh.purgeExport(now))) {
				log.info("Access export of request {} deleted: the subject's erasure {} went out", id, erasure.id());
			}
		}
	}

	/** Deletes the stores' sealed access data whose retention has ended; returns the requests' ids. */
	public List<String> purgeExpiredExports() {
		Instant now = clock.instant();
		List<String> purged = new ArrayList<>();
		for (String id : requests.exportExpired(now)) {
			boolean done = requests.update(id, fresh -> fresh != null && fresh.exportExpiresAt() != null
					&& !fresh.exportExpiresAt().isAfter(now) && fresh.purgeExport(now));
			if (done) {
				purged.add(id);
			}
		}
		return purged;
	}

	private PrivacyRequest found(String id) {
		return requests.find(id).orElseThrow(PrivacyRequestNotFound::new);
	}

	private PrivacyRequestView change(String id, BiConsumer<PrivacyRequest, Instant> change) {
		return requests.update(id, request -> {
			if (request == null) {
				throw new PrivacyRequestNotFound();
			}
			Instant now = clock.instant();
			change.accept(request, now);
			return PrivacyRequestView.of(request, now);
		});
	}
}

package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.ledger.Ledger;
import dev.formgate.erasure.ledger.NewPrivacyRequest;
import dev.formgate.erasure.ledger.ReceivedVia;
import dev.formgate.erasure.ledger.RequestType;
import dev.formgate.events.CommentTickets;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.mail.LinkTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Self-service requests through a comment's private link (docs/privacy.md, "The author's private link"), for authors
 * who may have given no address: the same self-service request, ledger, status link and receipt as "Meine Daten", with
 * the identity verified by possession of the link instead of control of an address. Logged by ids only.
 */
@Service
public class CommentLinkRequests {

	/** How the person's identity was verified, as the ledger records it. */
	static final String VERIFIED_BY = "possession of the comment's private link";

	/** The rights a comment's private link offers, with the purpose an objection names (the evidence log). */
	static final Map<RequestType, String> RIGHTS = Map.of(RequestType.ACCESS, "", RequestType.OBJECTION,
			"comment-evidence", RequestType.ERASURE, "");

	private static final Logger log = LoggerFactory.getLogger(CommentLinkRequests.class);

	private final SelfServiceRequests requests;
	private final SelfService selfService;
	private final CommentTickets tickets;
	private final Ledger ledger;
	private final SubjectRefs subjectRefs;
	private final SelfServiceProperties settings;
	private final Clock clock;

	CommentLinkRequests(SelfServiceRequests requests, SelfService selfService, CommentTickets tickets, Ledger ledger,
			SubjectRefs subjectRefs, SelfServiceProperties settings, Clock clock) {
		this.requests = requests;
		this.selfService = selfService;
		this.tickets = tickets;
		this.ledger = ledger;
		this.subjectRefs = subjectRefs;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A request from the private link of a comment (docs/privacy.md, "The author's private link"): comment-service
	 * checked the link and signed a ticket for one request type on that comment; this files it with the ledger under
	 * the comment's reference, verified by possession of the link, and answers the status link's token. The same ticket
	 * again files nothing new and answers the same token (ids and secret derive from the ticket). Empty for a ticket
	 * that is not valid or not for a right the link offers.
	 */
	public Optional<String> fileThroughComment(String ticket, String language) {
		Instant now = clock.instant();
		Optional<CommentTickets.Ticket> valid = tickets.redeem(ticket, now);
		RequestType type = valid.map(t -> RIGHTS.keySet().stream().filter(r -> r.name().equals(t.type()))
			.findFirst().orElse(null)).orElse(null);
		if (type == null) {
			log.info("Comment rights ticket refused: not valid");
			return Optional.empty();
		}
		String commentId = valid.get().commentId();
		String id = derivedId(ticket, "self-service request");
		String privacyRequestId = derivedId(ticket, "privacy request");
		String secret = tickets.derivedSecret(ticket, "status link");
		String purpose = RIGHTS.get(type).isEmpty() ? null : RIGHTS.get(type);
		SubjectRef subject = subjectRefs.ofComment(commentId);
		var request = new NewPrivacyRequest(type, null, null, purpose, ReceivedVia.SELF_SERVICE, null, null, VERIFIED_BY,
				selfService.heldForReview(type), commentId);
		ledger.file(request, subject, new PrivacyRequestId(privacyRequestId));
		if (requests.find(id).isEmpty()) {
			try {
				requests.insert(SelfServiceRequest.filedThroughComment(id, type, purpose, language, subject.value(),
						privacyRequestId, LinkTokens.hash(secret), now, now.plus(settings.statusPeriod())));
			}
			catch (DuplicateKeyException concurrently) {
				// The same ticket redeemed at the same time: that one stored it.
			}
			log.info("Self-service request {} ({}) filed through a comment's private link as privacy request {}", id,
					type, privacyRequestId);
		}
		return Optional.of(id + "." + secret);
	}

	/** A UUID that is the same for every redemption of the ticket, and for nothing else. */
	private String derivedId(String ticket, String purpose) {
		return UUID.nameUUIDFromBytes(tickets.derivedSecret(ticket, purpose).getBytes(StandardCharsets.US_ASCII))
			.toString();
	}
}

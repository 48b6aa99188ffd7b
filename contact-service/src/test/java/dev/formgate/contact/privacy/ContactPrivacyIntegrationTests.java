package dev.formgate.contact.privacy;

import dev.formgate.contact.support.ContactServiceTest;
import dev.formgate.testing.Inbox;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.testing.TestClock;
import dev.formgate.events.OutcomeEvent.Outcome;
import dev.formgate.events.OutcomeEvent.StoreOutcomeReported;
import dev.formgate.events.PrivacyEvent;
import dev.formgate.events.PrivacyEvent.AccessRequested;
import dev.formgate.events.PrivacyEvent.ConsentWithdrawn;
import dev.formgate.events.PrivacyEvent.ErasureRequested;
import dev.formgate.events.PrivacyEvent.ObjectionReceived;
import dev.formgate.events.PrivacyEvent.RectificationRequested;
import dev.formgate.events.PrivacyEvent.RestrictionLifted;
import dev.formgate.events.PrivacyEvent.RestrictionRequested;
import dev.formgate.events.PrivacyRequestId;
import dev.formgate.events.SubjectRef;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.Http;
import dev.formgate.testing.PrivacyLedger;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.formgate.contact.support.ContactForms.json;
import static dev.formgate.contact.support.ContactForms.newAddress;
import static dev.formgate.contact.support.ContactForms.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * contact-service answers every data-subject request the ledger sends over Kafka, and does what it says: requests
 * go in with a real producer, answers are read from {@code privacy.outcomes}, mails from the SMTP server.
 */
@ContactServiceTest
class ContactPrivacyIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final String API = "/api/admin/contact-requests";
	static final String STAFF_INBOX = "buergerservice@formgate.test";
	static final TransportSeal LEDGER_SEAL = new TransportSeal(
			ContactServiceTest.TRANSPORT_KEY.getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	int port;

	@Autowired
	PrivacyLedger ledger;

	@Autowired
	Inbox inbox;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectRefs subjectRefs;

	@Autowired
	OutboxRelay<?> relay;

	@Autowired
	TestClock clock;

	Http http;

	Http staff;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
		staff = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.CONTACT_AGENT));
	}

	SubjectRef ref(String email) {
		return subjectRefs.of(email);
	}

	/** Posts the form as a visitor would; returns the request's id. */
	String send(Map<String, Object> form) {
		assertThat(http.postJson("/api/contact", json(form)).statusCode()).isEqualTo(202);
		return mongo.getCollection("contact_requests").find(new Document("message", form.get("message"))).first()
			.getString("_id");
	}

	/**
	 * A request whose staff notification (and acknowledgement, unless the sender's inbox had one within the cooldown)
	 * have gone out.
	 */
	String sent(Map<String, Object> form) {
		String id = send(form);
		inbox.awaitMessage(STAFF_INBOX, marker(form));
		await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection("contact_requests")
			.find(new Document("_id", id)).first().getList("mails", Document.class, List.of()).isEmpty());
		return id;
	}

	static String marker(Map<String, Object> form) {
		String subject = (String) form.get("subject");
		return subject.substring(subject.lastIndexOf(' ') + 1);
	}

	List<Document> requests(SubjectRef subject) {
		return mongo.find(query(where("subjectRef").is(subject.value())), Document.class, "contact_requests");
	}

	StoreOutcomeReported ask(PrivacyEvent request) {
		ledger.send(request);
		return ledger.awaitAnswer(request.requestId());
	}

	static PrivacyRequestId id() {
		return PrivacyRequestId.random();
	}

	HttpResponse<String> moveTo(String id, String state) {
		return staff.send("PUT", API + "/" + id + "/state", "{\"state\":\"" + state + "\"}");
	}

	@Test
	void erasureDeletesTheRequestsAndAnswersErasedWithCounts() {
		String email = newAddress();
		var first = valid(email);
		var second = valid(email);
		sent(first);
		sent(second);

		var answer = ask(new ErasureRequested(id(), ref(email), Instant.now()));

		assertThat(answer.store()).isEqualTo("contact-service");
		assertThat(answer.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(answer.counts()).containsEntry("contact_requests", 2L);
		await().atMost(Duration.ofSeconds(10)).until(() -> requests(ref(email)).isEmpty());
		assertThat(mongo.getCollectionNames()).allSatisfy(collection -> assertThat(mongo.find(
				query(where("message").in(first.get("message"), second.get("message"))), Document.class, collection))
			.isEmpty());
		// Nor does the subject's lookup document outlive its requests' data.
		assertThat(lookup(ref(email))).isNull();
	}

	/** The subject's lookup document (its request ids), or null. */
	Document lookup(SubjectRef subject) {
		return mongo.findById(subject.value(), Document.class, "contact_subjects");
	}

	@Test
	void aRequestListedButNeverStoredIsNotFoundAndLeavesNoLookupBehind() {
		// As after a crash between listing a new request under its subject and storing it.
		SubjectRef subject = ref(newAddress());
		mongo.insert(new Document("_id", subject.value()).append("requests", List.of("never-stored")), "contact_subjects");

		assertThat(ask(new ErasureRequested(id(), subject, Instant.now())).outcome()).isEqualTo(Outcome.NOTHING_FOUND);
		assertThat(lookup(subject)).isNull();
	}

	@Test
	void erasureOfAnUnknownSubjectFindsNothing() {
		assertThat(ask(new ErasureRequested(id(), ref(newAddress()), Instant.now())).outcome())
			.isEqualTo(Outcome.NOTHING_FOUND);
	}

	@Test
	void aResentRequestGetsTheSameAnswerAndChangesNothing() {
		String email = newAddress();
		sent(valid(email));
		var erasure = new ErasureRequested(id(), ref(email), Instant.now());
		var first = ask(erasure);
		// The person writes again after the erasure: a re-sent old request must not delete that.
		String later = sent(valid(email));

		ledger.send(erasure);
		ledger.awaitRawAnswers(erasure.requestId(), 2);

		assertThat(first.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(ledger.answers(erasure.requestId())).hasSize(2).containsOnly(first);
		assertThat(requests(ref(email))).singleElement()
			.satisfies(r -> assertThat(r.getString("_id")).isEqualTo(later));
	}

	@Test
	void legalHoldRetainsWithAFixedReasonAndErasesTheRest() {
		String email = newAddress();
		String held = sent(valid(email));
		sent(valid(email));
		assertThat(staff.send("PUT", API + "/" + held + "/legal-hold",
				"{\"reason\":\"Klage von Erika Mustermann, Az. 4711\"}").statusCode()).isEqualTo(200);
		var erasure = new ErasureRequested(id(), ref(email), Instant.now());

		var answer = ask(erasure);

		assertThat(answer.outcome()).isEqualTo(Outcome.RETAINED);
		assertThat(answer.reason()).contains("legal hold", "Art. 17(3)").doesNotContain("Mustermann", "4711");
		assertThat(answer.counts()).containsEntry("contact_requests", 1L)
			.containsEntry("contact_requests_retained", 1L);
		await().atMost(Duration.ofSeconds(10)).until(() -> requests(ref(email)).size() == 1);
		Document kept = requests(ref(email)).getFirst();
		assertThat(kept.getString("_id")).isEqualTo(held);
		assertThat(kept.getString("message")).isNotNull();
		assertThat(EventLog.everything(ledger.awaitRawAnswers(erasure.requestId(), 1).getFirst()))
			.doesNotContain("Mustermann", email);
	}

	@Test
	void objectionIsNotApplicable() {
		String email = newAddress();
		sent(valid(email));

		var answer = ask(new ObjectionReceived(id(), ref(email), "newsletter", Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
		assertThat(answer.reason()).contains("Art. 6(1)(b)");
		assertThat(requests(ref(email))).hasSize(1);
	}

	@Test
	void withdrawalOfConsentIsNotApplicable() {
		String email = newAddress();
		sent(valid(email));

		var answer = ask(new ConsentWithdrawn(id(), ref(email), Instant.now()));

		assertThat(answer.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
		assertThat(answer.reason()).contains("Art. 6(1)(a)");
		assertThat(requests(ref(email))).hasSize(1);
	}

	@Test
	void accessExportOpensToTheSubjectsRequestsAndNothingOfAnother() {
		String email = newAddress();
		var form = valid(email);
		String id = sent(form);
		assertThat(staff.postJson(API + "/" + id + "/notes", "{\"text\":\"Rückruf bei Amt Nord vereinbart\"}")
			.statusCode()).isEqualTo(201);
		var other = valid(newAddress());
		sent(other);
		var request = new AccessRequested(id(), ref(email), Instant.now());

		var answer = ask(request);

		assertThat(answer.outcome()).isEqualTo(Outcome.EXPORTED);
		String export = LEDGER_SEAL.open(request.requestId(), answer.sealedData());
		assertThat(export).contains(email, id, "Erika Mustermann", marker(form), "\"state\":\"RECEIVED\"",
				"\"staffNotesWrittenAt\":[\"");
		assertThat(export).doesNotContain("Amt Nord", (String) other.get("email"), marker(other));
		assertThat(EventLog.everything(ledger.awaitRawAnswers(request.requestId(), 1).getFirst()))
			.doesNotContain(email, "Mustermann", marker(form));
	}

	/**
	 * Art. 18(2): a request the person sends while their processing is restricted is their consent to process it. It
	 * is acknowledged, notified and worked on as any other; staff see the restriction and that it does not cover it.
	 */
	@Test
	void aRequestSentWhileRestrictedIsTheSendersConsentAndIsWorkedOnAsAnyOther() {
		String email = newAddress();
		assertThat(ask(new RestrictionRequested(id(), ref(email), Instant.now())).outcome()).isEqualTo(Outcome.DONE);
		var form = valid(email);

		String id = sent(form);

		assertThat(moveTo(id, "IN_PROGRESS").statusCode()).isEqualTo(200);
		String shown = staff.get(API + "/" + id).body();
		assertThat(shown).contains("\"restriction\":{\"since\":").contains("\"applies\":false")
			.contains("\"heldMails\":[]");
	}

	/**
	 * A restriction covers what was received before it: the request's owed mails stay unsent (held, not lost), staff
	 * see why and cannot move it on, and lifting the restriction releases the mails once.
	 */
	@Test
	void restrictionHoldsTheMailsAndStateChangesOfEarlierRequestsAndLiftingReleasesThemOnce() {
		String email = newAddress();
		var form = valid(email);
		String id;
		relay.stop();
		try {
			id = send(form);
			clock.advance(Duration.ofSeconds(1));
			assertThat(ask(new RestrictionRequested(id(), ref(email), Instant.now())).outcome())
				.isEqualTo(Outcome.DONE);
		}
		finally {
			relay.start();
		}

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(
				() -> inbox.messagesTo(STAFF_INBOX, marker(form)).isEmpty() && inbox.messagesTo(email).isEmpty());
		assertThat(requests(ref(email)).getFirst().getList("mails", Document.class)).as("held, not lost").hasSize(2);
		var refused = moveTo(id, "IN_PROGRESS");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("https://formgate.dev/problems/processing-restricted");
		String shown = staff.get(API + "/" + id).body();
		assertThat(shown).contains("\"applies\":true").contains("STAFF_NOTIFICATION").contains("ACKNOWLEDGEMENT");
		assertThat(listed(id).path("restriction").path("applies").asBoolean()).as("the list shows it too").isTrue();

		assertThat(ask(new RestrictionLifted(id(), ref(email), Instant.now())).outcome()).isEqualTo(Outcome.DONE);

		inbox.awaitMessage(STAFF_INBOX, marker(form));
		inbox.awaitMessage(email, id);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> inbox.messagesTo(STAFF_INBOX, marker(form)).size() == 1
					&& inbox.messagesTo(email).size() == 1);
		assertThat(moveTo(id, "IN_PROGRESS").statusCode()).isEqualTo(200);
		assertThat(staff.get(API + "/" + id).body()).doesNotContain("\"applies\"");
		assertThat(listed(id).path("restriction").isNull()).isTrue();
	}

	/** The request's entry in the staff list, paged through oldest first. */
	private JsonNode listed(String id) {
		for (int page = 0; page < 50; page++) {
			JsonNode listing = JSON.readTree(staff.get(API + "?size=100&page=" + page).body());
			for (JsonNode item : listing.path("items")) {
				if (id.equals(item.path("id").asString())) {
					return item;
				}
			}
			if (listing.path("items").size() < 100) {
				break;
			}
		}
		throw new AssertionError("request " + id + " is not in the staff list");
	}

	@Test
	void rectificationGivesTheRequestsTheNewAddress() {
		String old = newAddress();
		String id = sent(valid(old));
		String corrected = newAddress();
		PrivacyRequestId requestId = id();
		var request = new RectificationRequested(requestId, ref(old), ref(corrected),
				LEDGER_SEAL.seal(requestId, corrected), Instant.now());

		assertThat(ask(request).outcome()).isEqualTo(Outcome.DONE);

		assertThat(requests(ref(old))).isEmpty();
		assertThat(requests(ref(corrected))).singleElement().satisfies(r -> {
			assertThat(r.getString("_id")).isEqualTo(id);
			assertThat(r.getString("email")).isEqualTo(corrected);
		});
		assertThat(staff.get(API + "/" + id).body()).contains(corrected).doesNotContain(old);
		assertThat(lookup(ref(old))).isNull();
		// The request is the corrected subject's now: erasing that subject finds it.
		var erased = ask(new ErasureRequested(id(), ref(corrected), Instant.now()));
		assertThat(erased.outcome()).isEqualTo(Outcome.ERASED);
		assertThat(erased.counts()).containsEntry("contact_requests", 1L);
	}

	@Test
	void rectificationOfAnUnknownSubjectFindsNothing() {
		String corrected = newAddress();
		PrivacyRequestId requestId = id();
		var request = new RectificationRequested(requestId, ref(newAddress()), ref(corrected),
				LEDGER_SEAL.seal(requestId, corrected), Instant.now());

		assertThat(ask(request).outcome()).isEqualTo(Outcome.NOTHING_FOUND);
	}
}

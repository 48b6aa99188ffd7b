package dev.formgate.newsletter.campaign;

import dev.formgate.events.SubjectRefs;
import dev.formgate.events.Topics;
import dev.formgate.lease.Leases;
import dev.formgate.newsletter.support.BounceMailboxes;
import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.Inbox;
import dev.formgate.newsletter.support.Subscribers;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import dev.formgate.testing.EventLog;
import dev.formgate.testing.ReturnedMails;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static dev.formgate.newsletter.campaign.CampaignIntegrationTests.JSON;
import static dev.formgate.newsletter.campaign.CampaignIntegrationTests.address;
import static dev.formgate.newsletter.campaign.CampaignIntegrationTests.campaignJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The bounce mailbox on real parts: campaign mails go out through GreenMail's SMTP, real delivery status notifications
 * and feedback reports (multipart/report) about them are dropped into the bounce mailbox on GreenMail's IMAP, and the
 * service reads them there. The right subscriptions end, the others are untouched, the campaign counts them, and no
 * address is in the events or the log.
 */
@NewsletterServiceTest
@ExtendWith(OutputCaptureExtension.class)
class BounceMailboxIntegrationTests {

	static final String BASE = CampaignIntegrationTests.BASE;

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	BounceMailboxes bounces;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectRefs subjectRefs;

	@Autowired
	Verp verp;

	@Autowired
	MeterRegistry meters;

	@Autowired
	BounceProperties properties;

	@Autowired
	SubscriptionService subscriptions;

	@Autowired
	Progresses progresses;

	@Autowired
	DeliveryLog deliveries;

	@Autowired
	Clock clock;

	@Value("${spring.cloud.stream.kafka.binder.brokers}")
	String brokers;

	Http http;
	dev.formgate.testing.Http editor;

	@BeforeEach
	void setUp() {
		http = new Http("http://127.0.0.1:" + port);
		editor = http.with("Authorization", AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));
	}

	@Test
	void aHardBounceAComplaintAndAMailToTheUnsubscribeAddressEndTheRightSubscriptions(CapturedOutput output) {
		String hanna = confirmed(confirmed(address("hanna"), "notices", "de"), "almanac", "de");
		String karl = confirmed(address("karl"), "notices", "en");
		String mia = confirmed(address("mia"), "notices", "de");
		String otto = confirmed(address("otto"), "notices", "de");
		String id = sent("notices");

		String hannasBounce = bounces.drop(ReturnedMails.deliveryStatus(token(hanna, id), hanna, "failed", "5.1.1",
				true));
		String ottosDelay = bounces.drop(ReturnedMails.deliveryStatus(token(otto, id), otto, "delayed", "4.4.7", true));
		String karlsComplaint = bounces.drop(ReturnedMails.feedbackReport(token(karl, id), karl, "abuse"));
		String miasMail = bounces.drop(ReturnedMails.mailtoUnsubscribe(mia, "unsubscribe " + mailtoCredential(mia, id)));

		await().atMost(Duration.ofSeconds(20)).until(() -> bounces.messageIds().stream()
			.noneMatch(List.of(hannasBounce, ottosDelay, karlsComplaint, miasMail)::contains));
		assertThat(state(hanna, "notices")).isEqualTo("UNSUBSCRIBED");
		assertThat(state(hanna, "almanac")).as("the same address").isEqualTo("UNSUBSCRIBED");
		assertThat(state(karl, "notices")).isEqualTo("UNSUBSCRIBED");
		assertThat(mongo.findById(ref(karl), Document.class, "suppressions")).containsEntry("cause", "COMPLAINT");
		assertThat(state(mia, "notices")).isEqualTo("UNSUBSCRIBED");
		assertThat(state(otto, "notices")).as("a delay ends nothing").isEqualTo("ACTIVE");
		assertThat(mongo.findById(ref(hanna), Document.class, "suppressions")).as("a bounce is no objection").isNull();
		JsonNode progress = JSON.readTree(editor.get(BASE + "/" + id).body()).path("progress");
		assertThat(progress.path("bounced").asLong()).isEqualTo(1);
		assertThat(progress.path("complained").asLong()).isEqualTo(1);
		assertThat(progress.path("unsubscribed").asLong()).isEqualTo(1);

		// the same report again (a reading repeated after a crash) changes nothing
		String again = bounces.drop(ReturnedMails.deliveryStatus(token(hanna, id), hanna, "failed", "5.1.1", true));
		await().atMost(Duration.ofSeconds(20)).until(() -> !bounces.contains(again));
		assertThat(JSON.readTree(editor.get(BASE + "/" + id).body()).path("progress").path("bounced").asLong())
			.isEqualTo(1);

		try (EventLog events = new EventLog(brokers, Topics.NEWSLETTER_EVENTS)) {
			var hannas = events.awaitRecords(r -> EventLog.key(r).equals(ref(hanna)) && !isSignUp(r), 3);
			assertThat(hannas).extracting(EventLog::value).anySatisfy(v -> assertThat(v)
				.contains("\"kind\":\"HARD\"", "\"ended\":true", "\"campaignId\":\"" + id + "\""));
			assertThat(hannas).extracting(r -> EventLog.header(r, "ce_type"))
				.containsExactlyInAnyOrder("dev.formgate.newsletter.SubscriptionBounced",
						"dev.formgate.newsletter.Unsubscribed", "dev.formgate.newsletter.Unsubscribed");
			assertThat(hannas).filteredOn(r -> EventLog.header(r, "ce_type").endsWith("Unsubscribed"))
				.allSatisfy(r -> assertThat(EventLog.value(r)).contains("\"reason\":\"BOUNCE\""));
			var karls = events.awaitRecords(r -> EventLog.key(r).equals(ref(karl)) && !isSignUp(r), 2);
			assertThat(karls).extracting(r -> EventLog.header(r, "ce_type")).containsExactlyInAnyOrder(
					"dev.formgate.newsletter.ComplaintReceived", "dev.formgate.newsletter.Unsubscribed");
			var mias = events.awaitRecords(r -> EventLog.key(r).equals(ref(mia)) && !isSignUp(r), 1);
			assertThat(EventLog.value(mias.getFirst())).contains("\"reason\":\"EMAIL\"");
			assertThat(events.all()).filteredOn(r -> List.of(ref(hanna), ref(karl), ref(mia), ref(otto))
				.contains(EventLog.key(r))).allSatisfy(r -> assertThat(EventLog.everything(r)).doesNotContain("@"));
		}
		assertThat(serviceLog(output)).doesNotContain(hanna, karl, mia, otto, token(hanna, id), token(karl, id));
	}

	@Test
	void softBouncesEndASubscriptionOnlyThreeInARowAndAMailThatGotThroughStartsTheCountAnew() {
		String paula = confirmed(address("paula"), "yearbook", "de");
		String quinn = confirmed(address("quinn"), "yearbook", "en");

		String first = sent("yearbook");
		softBounce(paula, first);
		softBounce(quinn, first);
		String second = sent("yearbook");
		softBounce(paula, second);
		softBounce(quinn, second);
		softBounce(paula, first); // a repeated report changes nothing
		String third = sent("yearbook");
		softBounce(quinn, third); // paula's mail got through
		assertThat(state(quinn, "yearbook")).isEqualTo("UNSUBSCRIBED");
		assertThat(state(paula, "yearbook")).isEqualTo("ACTIVE");
		String fourth = sent("yearbook");
		assertThat(inbox.messagesTo(quinn)).as("confirmation, welcome and three campaigns, not the fourth").hasSize(5);
		softBounce(paula, fourth);
		assertThat(state(paula, "yearbook")).as("one in a row since the third went through").isEqualTo("ACTIVE");

		try (EventLog events = new EventLog(brokers, Topics.NEWSLETTER_EVENTS)) {
			var paulas = events.awaitRecords(r -> EventLog.key(r).equals(ref(paula)) && isBounce(r), 3);
			assertThat(paulas).extracting(EventLog::value).extracting(v -> v.replaceAll(".*\"softBounces\":(\\d+).*", "$1"))
				.containsExactly("1", "2", "1");
			var quinns = events.awaitRecords(r -> EventLog.key(r).equals(ref(quinn)) && isBounce(r), 3);
			assertThat(quinns).extracting(EventLog::value).extracting(v -> v.replaceAll(".*\"softBounces\":(\\d+).*", "$1"))
				.containsExactly("1", "2", "3");
			assertThat(EventLog.value(quinns.getLast())).contains("\"ended\":true", "\"kind\":\"SOFT\"");
		}
		assertThat(JSON.readTree(editor.get(BASE + "/" + first).body()).path("progress").path("bounced").asLong())
			.isEqualTo(2);
	}

	@Test
	void leavesWhatItDoesNotUnderstandInTheMailboxCountedOnceAndUnlogged(CapturedOutput output) {
		String vera = confirmed(address("vera"), "notices", "de");
		String id = sent("notices");
		String token = token(vera, id);
		char flipped = token.charAt(10) == 'a' ? 'b' : 'a';
		String forged = token.substring(0, 10) + flipped + token.substring(11);
		double before = notUnderstood();

		List<String> left = List.of(
				bounces.drop(ReturnedMails.reply(vera, "Vielen Dank, Ihre Nachricht an " + vera + " kam an.")),
				bounces.drop(ReturnedMails.deliveryStatus(forged, vera, "failed", "5.1.1", true)),
				bounces.drop(ReturnedMails.feedbackReport(token, vera, "not-spam")),
				bounces.drop(ReturnedMails.mailtoUnsubscribe(vera, "unsubscribe not-a-genuine-credential.abc")));

		await().atMost(Duration.ofSeconds(20)).until(() -> left.stream().allMatch(bounces::isSeen));
		assertThat(bounces.messageIds()).containsAll(left);
		assertThat(state(vera, "notices")).isEqualTo("ACTIVE");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> notUnderstood() - before == left.size());
		assertThat(serviceLog(output)).doesNotContain(vera, "Vielen Dank", forged, token);
	}

	/**
	 * Two instances and one mailbox: only the holder of the lease reads it, so no mail is done, or copied to the
	 * processed folder, by two at once. An instance that holds the lease and crashed keeps the mailbox only until its
	 * lease ended; then this instance takes it over and reads what waited.
	 */
	@Test
	void oneInstanceAtATimeReadsTheMailboxAndACrashedHoldersLeaseIsTakenOver() {
		String wanda = confirmed(address("wanda"), "notices", "de");
		String id = sent("notices");
		Leases leases = new Leases(mongo, clock);
		// another instance took the lease and died: it runs 15 s more, and nobody renews it (long enough that a busy
		// machine still sees the mail wait 2 s before the lease ends)
		mongo.upsert(query(where("_id").is(BounceMailbox.LEASE)), new Update().set("holder", "crashed-instance")
			.set("until", clock.instant().plusSeconds(15)), Leases.COLLECTION);
		String bounce = bounces.drop(ReturnedMails.deliveryStatus(token(wanda, id), wanda, "failed", "5.1.1", true));

		BounceMailbox second = new BounceMailbox(properties, new ReturnedMail(verp),
				new Bounces(subscriptions, progresses, deliveries, properties.softBounceLimit()),
				CircuitBreaker.ofDefaults("second-instance"), meters, leases, "second-instance");
		assertThat(second.readOnce().counts()).as("not the lease's holder: reads nothing").isEmpty();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
			.until(() -> bounces.contains(bounce) && !bounces.isSeen(bounce));
		assertThat(state(wanda, "notices")).isEqualTo("ACTIVE");

		await().atMost(Duration.ofSeconds(40)).until(() -> !bounces.contains(bounce));
		assertThat(state(wanda, "notices")).isEqualTo("UNSUBSCRIBED");
		assertThat(leases.holder(BounceMailbox.LEASE)).hasValueSatisfying(holder -> assertThat(holder)
			.as("this instance took the lease over").isNotIn("crashed-instance", "second-instance"));
		assertThat(second.readOnce().counts()).as("the lease is this instance's now").isEmpty();
		assertThat(JSON.readTree(editor.get(BASE + "/" + id).body()).path("progress").path("bounced").asLong())
			.isEqualTo(1);
	}

	// ---- helpers

	/** What the service logged: the output without the test mail server's own lines (it logs each address it sees). */
	static String serviceLog(CapturedOutput output) {
		return output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
			.collect(java.util.stream.Collectors.joining("\n"));
	}

	/** Signs up and confirms through the mail's link; returns the address. */
	String confirmed(String email, String list, String language) {
		return new Subscribers(http, inbox).confirmed(email, list, language);
	}

	/** A campaign to the list, sent; returns its id. */
	String sent(String list) {
		var created = editor.postJson(BASE, campaignJson(List.of(list), ",\"rate\":100"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JSON.readTree(created.body()).path("id").asString();
		assertThat(editor.postJson(BASE + "/" + id + "/send", "").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(
				() -> JSON.readTree(editor.get(BASE + "/" + id).body()).path("state").asString().equals("SENT"));
		return id;
	}

	/** The per-recipient token of the campaign's mail to this address, from the mail the SMTP server got. */
	String token(String email, String campaignId) {
		return campaignMail(email, campaignId).map(m -> messageId(m).replaceAll("^<([a-z2-7]{48})@.*$", "$1"))
			.orElseThrow(() -> new AssertionError("no mail of the campaign"));
	}

	java.util.Optional<MimeMessage> campaignMail(String email, String campaignId) {
		await().atMost(Duration.ofSeconds(10)).until(() -> inbox.messagesTo(email).stream()
			.anyMatch(m -> isOf(m, campaignId)));
		return inbox.messagesTo(email).stream().filter(m -> isOf(m, campaignId)).findFirst();
	}

	boolean isOf(MimeMessage message, String campaignId) {
		String id = messageId(message);
		return id != null && id.matches("<[a-z2-7]{48}@formgate\\.localhost>")
				&& verp.find(id).map(h -> h.campaignId().equals(campaignId)).orElse(false);
	}

	/** The unsubscribe credential of the {@code mailto:} in the List-Unsubscribe header of the campaign's mail. */
	String mailtoCredential(String email, String campaignId) {
		try {
			String header = campaignMail(email, campaignId).orElseThrow().getHeader("List-Unsubscribe", null);
			return header.replaceAll("^.*<mailto:[^?]+\\?subject=unsubscribe%20([^>]+)>.*$", "$1");
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	void softBounce(String email, String campaignId) {
		String dropped = bounces.drop(ReturnedMails.deliveryStatus(token(email, campaignId), email, "failed", "4.2.2",
				true));
		await().atMost(Duration.ofSeconds(20)).until(() -> !bounces.contains(dropped));
	}

	String ref(String email) {
		return subjectRefs.of(email).value();
	}

	String state(String email, String list) {
		Document subscription = mongo.findOne(query(where("subjectRef").is(ref(email)).and("list").is(list)),
				Document.class, "subscriptions");
		return subscription == null ? null : subscription.getString("state");
	}

	double notUnderstood() {
		var counter = meters.find("formgate.newsletter.bounce.mails").tag("outcome", "not-understood").counter();
		return counter == null ? 0 : counter.count();
	}

	static boolean isSignUp(ConsumerRecord<byte[], byte[]> record) {
		String type = EventLog.header(record, "ce_type");
		return type.endsWith("SubscriptionRequested") || type.endsWith("SubscriptionConfirmed");
	}

	static boolean isBounce(ConsumerRecord<byte[], byte[]> record) {
		return EventLog.header(record, "ce_type").endsWith("SubscriptionBounced");
	}

	static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}

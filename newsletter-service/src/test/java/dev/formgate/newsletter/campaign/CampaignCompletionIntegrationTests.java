package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.support.Http;
import dev.formgate.newsletter.support.NewsletterServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenFixture;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A campaign ends by what its slices say, not by the counts written after them: an instance killed between a slice's
 * last mark and the counts of it leaves the counts short and the slice uncounted, and the sweep still ends the
 * campaign with what was really sent. The sweep, every few seconds on every instance, and the delivery log's retention
 * ask the store only for what an index serves, so neither reads a whole collection (docs/architecture.md, the embedded
 * store).
 */
@NewsletterServiceTest
class CampaignCompletionIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	CampaignDispatch dispatch;

	@Autowired
	DeliveryLog deliveries;

	@Test
	void aCampaignWhoseLastCountsWereLostInACrashEndsWithTheCountsOfItsMarks() {
		var editor = new Http("http://127.0.0.1:" + port)
			.with("Authorization", AdminTokenFixture.bearer(AdminRoles.NEWSLETTER_EDITOR));
		var created = editor.postJson(CampaignIntegrationTests.BASE,
				CampaignIntegrationTests.campaignJson(List.of("bulletin"), ""));
		assertThat(created.statusCode()).isEqualTo(201);
		String id = JSON.readTree(created.body()).path("id").asString();
		// As a crash leaves it: every entry marked and the slice done, but only the first batch counted and the
		// slice not counted as done.
		mongo.updateFirst(query(where("_id").is(id)), new org.springframework.data.mongodb.core.query.Update()
			.set("state", CampaignState.SENDING).set("startedAt", new Date()), Campaign.class);
		mongo.insert(new Document("_id", id).append("recipients", 3L).append("slices", 1).append("selectionDone", true)
			.append("sent", 1L).append("failed", 0L).append("skipped", 0L).append("slicesDone", 0), "campaign_progress");
		mongo.insert(new Document("_id", Slice.id(id, 0)).append("campaignId", id).append("number", 0)
			.append("listIndex", 0).append("done", true).append("entries", List.of(entry("a", "SENT"),
					entry("b", "SENT"), entry("c", "SKIPPED"))), "campaign_slices");

		dispatch.sweep();

		JsonNode campaign = JSON.readTree(editor.get(CampaignIntegrationTests.BASE + "/" + id).body());
		assertThat(campaign.path("state").asString()).isEqualTo("SENT");
		assertThat(campaign.path("progress").path("sent").asLong()).isEqualTo(2);
		assertThat(campaign.path("progress").path("skipped").asLong()).isEqualTo(1);
		assertThat(campaign.path("progress").path("remaining").asLong()).isZero();
		assertThat(mongo.count(query(where("campaignId").is(id)), "campaign_slices")).isZero();
	}

	@Test
	void theSweepsQueryForTheCampaignsUnderwayHasAnIndex() {
		dispatch.sweep();

		assertThat(leadingFields("campaigns")).contains("state");
	}

	@Test
	void theDeliveryLogsRetentionHasAnIndexOnTheOldestDelivery() {
		deliveries.record("retention-index", Map.of("subject-retention-index", "bulletin"), Instant.now());
		deliveries.purge(Instant.now().minusSeconds(3600));

		assertThat(leadingFields(DeliveryLog.COLLECTION)).contains("oldest");
		assertThat(deliveries.of("subject-retention-index")).hasSize(1);
	}

	/** The first field of each index of the collection. */
	private List<String> leadingFields(String collection) {
		return mongo.indexOps(collection).getIndexInfo().stream().map(IndexInfo::getIndexFields)
			.map(fields -> fields.getFirst().getKey()).toList();
	}

	static Document entry(String name, String mark) {
		return new Document("s", "subject-" + name).append("i", "subscription-" + name).append("t", "bulletin")
			.append("m", mark);
	}
}

package dev.formgate.erasure.registry.web;

import dev.formgate.erasure.registry.Registry;
import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.erasure.support.PrivacyApi;
import dev.formgate.erasure.support.Stores;
import dev.formgate.events.InventoryEvent.Category;
import dev.formgate.events.InventoryEvent.StoreRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.formgate.erasure.support.PrivacyApi.INVENTORY;
import static dev.formgate.erasure.support.PrivacyApi.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The record of processing from the stores' announcements: as JSON, which the console renders. */
@ErasureServiceTest
class InventoryIntegrationTests {

	static final Category SUBSCRIPTIONS = new Category("subscriptions", List.of("email", "consentProof"),
			"Sending the newsletter", "Versand des Newsletters", "Art. 6(1)(a) GDPR", "until withdrawal",
			List.of("mail processor"));

	@Autowired
	Stores stores;

	@Autowired
	Registry registry;

	PrivacyApi api;

	String store;

	@BeforeEach
	void setUp(@LocalServerPort int port) {
		api = new PrivacyApi(port);
		store = Stores.newStoreName();
		stores.register(store, true, List.of(SUBSCRIPTIONS));
		api.awaitRegistered(store);
	}

	@Test
	void listsEachStoreWithItsCategoriesAsJson() {
		HttpResponse<String> answer = api.http().get(INVENTORY, "Accept", "application/json");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode mine = mine(tree(answer.body()));
		assertThat(mine.path("answersRequests").asBoolean()).isTrue();
		JsonNode category = mine.path("categories").get(0);
		assertThat(category.path("collection").asString()).isEqualTo("subscriptions");
		assertThat(category.path("fields").get(1).asString()).isEqualTo("consentProof");
		assertThat(category.path("purpose").asString()).isEqualTo("Sending the newsletter");
		assertThat(category.path("legalBasis").asString()).isEqualTo("Art. 6(1)(a) GDPR");
		assertThat(category.path("retention").asString()).isEqualTo("until withdrawal");
		assertThat(category.path("recipients").get(0).asString()).isEqualTo("mail processor");
	}

	/** erasure-service's own collections are in the record too, without answering requests itself. */
	@Test
	void listsErasureServicesOwnCollections() {
		api.awaitRegistered("erasure-service");
		JsonNode own = null;
		for (JsonNode entry : tree(api.http().get(INVENTORY).body()).path("stores")) {
			if (entry.path("store").asString().equals("erasure-service")) {
				own = entry;
			}
		}
		assertThat(own).isNotNull();
		assertThat(own.path("answersRequests").asBoolean()).isFalse();
		assertThat(own.path("categories").findValuesAsString("collection"))
			.containsExactly("privacy_requests", "self_service_requests", "verification_cooldowns");
		assertThat(own.path("categories").get(1).path("retention").asString()).isEqualTo(
				"24h if not confirmed; 60d after filing");
	}

	@Test
	void anOlderOrRepeatedAnnouncementChangesNothing() {
		Instant registered = Instant.parse(mine(tree(api.http().get(INVENTORY).body())).path("announcedAt").asString());
		registry.register(new StoreRegistered(store, false, List.of(), registered.minus(Duration.ofDays(1))));
		registry.register(new StoreRegistered(store, true, List.of(SUBSCRIPTIONS), registered));

		JsonNode mine = mine(tree(api.http().get(INVENTORY).body()));

		assertThat(mine.path("answersRequests").asBoolean()).isTrue();
		assertThat(mine.path("categories").size()).isEqualTo(1);

		stores.register(new StoreRegistered(store, true, List.of(), Instant.now()));
		await().until(() -> mine(tree(api.http().get(INVENTORY).body())).path("categories").isEmpty());
	}

	@Test
	void aBrowserGetsTheJsonThatTheConsoleRenders() {
		HttpResponse<String> answer = api.http().get(INVENTORY + "?lang=en", "Accept", "text/html,*/*;q=0.8");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
		assertThat(mine(tree(answer.body())).path("categories").get(0).path("purposeDe").asString())
			.isEqualTo("Versand des Newsletters");
	}

	JsonNode mine(JsonNode inventory) {
		for (JsonNode s : inventory.path("stores")) {
			if (s.path("store").asString().equals(store)) {
				return s;
			}
		}
		throw new AssertionError("not listed: " + store);
	}
}

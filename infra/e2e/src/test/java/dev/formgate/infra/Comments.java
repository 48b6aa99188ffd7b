package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments on the demo blog post, posted as a website's script posts them, and what comment-service stored of them. */
final class Comments {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Comments() {
	}

	/** A posted comment: its id and the path of its private link. */
	record Posted(String id, String deletePath) {
	}

	/**
	 * Posts the person's comment on the demo post from this client address, with a solved proof of work; with their
	 * address (asking for the publication notice) or without one. Its evidence holds the client address.
	 */
	static Posted post(LocalStack stack, MongoClient mongo, Person person, String clientAddress, boolean withAddress)
			throws Exception {
		Map<String, String> fields = new HashMap<>(Map.of("site", "demo", "post", "willkommen", "name", person.name(),
				"text", person.message(), "language", "de", "altcha", ProofOfWork.solved(stack, "comment")));
		if (withAddress) {
			fields.putAll(Map.of("email", person.email(), "notice", "true"));
		}
		var posted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/comments?site=demo"))
			.header("Content-Type", "application/json").header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
		JsonNode answer = JSON.readTree(posted.body());
		Posted comment = new Posted(answer.get("commentId").asString(), answer.get("deletePath").asString());
		assertThat(evidence(mongo, comment.id()).getString("clientAddress")).isEqualTo(clientAddress);
		return comment;
	}

	/** The comment's document, or null. */
	static Document comment(MongoClient mongo, String id) {
		return mongo.getDatabase("formgate-comment").getCollection("comments").find(new Document("_id", id)).first();
	}

	/** The comment's evidence (its client address), or null. */
	static Document evidence(MongoClient mongo, String id) {
		return mongo.getDatabase("formgate-comment").getCollection("comment_evidence").find(new Document("_id", id))
			.first();
	}
}

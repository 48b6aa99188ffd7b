package dev.formgate.infra.bench.bare;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Spring MVC on Tomcat with virtual threads, as the services run: {@code GET /ok} answers 200 touching nothing, and
 * {@code POST /subscriptions} takes a sign-up's JSON and stores it with one {@code insertOne} (real driver, the stack's
 * store, a unique index like the subscriptions'), then answers 202 — a sign-up with nothing of Formgate around it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BareMvc {

	@Bean(destroyMethod = "close")
	MongoClient mongoClient(@Value("${MONGODB_URI:}") String uri) {
		return MongoClients.create(uri.isBlank() ? "mongodb://127.0.0.1:1/unused?serverSelectionTimeoutMS=1" : uri);
	}

	record SignUp(String email, boolean consent) {
	}

	/** Registered as a member class of the configuration (there is no component scan). */
	@RestController
	static class Endpoints {

		private final MongoCollection<Document> subscriptions;

		Endpoints(MongoClient client, @Value("${MONGODB_URI:}") String uri) {
			this.subscriptions = uri.isBlank() ? null
					: client.getDatabase("formgate-bare").getCollection("subscriptions");
			if (subscriptions != null) {
				subscriptions.createIndex(Indexes.ascending("subjectRef", "list"), new IndexOptions().unique(true));
			}
		}

		@GetMapping("/ok")
		String ok() {
			return "ok";
		}

		@PostMapping("/subscriptions")
		ResponseEntity<Void> signUp(@RequestBody SignUp signUp) {
			if (subscriptions == null || signUp.email() == null || !signUp.consent()) {
				return ResponseEntity.badRequest().build();
			}
			subscriptions.insertOne(new Document("_id", UUID.randomUUID().toString())
				.append("subjectRef", UUID.randomUUID().toString()).append("list", "news")
				.append("email", signUp.email()).append("state", "PENDING"));
			return ResponseEntity.status(HttpStatus.ACCEPTED).build();
		}
	}

	/** {@code PORT} is where it listens, {@code MONGODB_URI} the store it inserts into (none: no inserts). */
	public static void main(String[] args) {
		new SpringApplicationBuilder(BareMvc.class).web(WebApplicationType.SERVLET)
			// The harness's jar carries Spring Cloud Gateway too (for BareGateway), which refuses to share a servlet app.
			.properties("server.port=${PORT}", "spring.main.banner-mode=off", "spring.threads.virtual.enabled=true",
					"spring.cloud.gateway.server.webflux.enabled=false")
			.run(args);
	}
}

package dev.formgate.web;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class StoreOutagesTests {

	@RestController
	static class Failing {

		@PostMapping("/fail/{how}")
		String fail(@PathVariable String how) {
			throw switch (how) {
				case "dao" -> new DataAccessResourceFailureException("Timed out after 2000 ms while waiting for a server",
						new MongoTimeoutException("Timed out"));
				case "timeout" -> new MongoTimeoutException("Timed out");
				case "socket" -> new MongoSocketOpenException("refused", new ServerAddress("db.internal", 27017));
				case "breaker" -> CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("mongo"));
				case "bulkhead" -> BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("mongo"));
				default -> new IllegalStateException();
			};
		}
	}

	final StoreOutages outages = new StoreOutages(Duration.ofSeconds(7));
	final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(outages, new StoreOutages.Bulkheads(outages)).build();

	@Test
	void answersStoreAndBreakerFailuresWith503ProblemAndRetryAfter() throws Exception {
		for (String how : new String[] { "dao", "timeout", "socket", "breaker", "bulkhead" }) {
			mvc.perform(post("/fail/" + how).accept("application/json"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "7"))
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.type").value("https://formgate.dev/problems/service-unavailable"))
				.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("db.internal"))));
		}
	}

	@Test
	void showsBrowsersAPageInTheirLanguage() throws Exception {
		mvc.perform(post("/fail/dao").param("lang", "en").accept("text/html"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "7"))
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Your input was not stored")));
	}
}

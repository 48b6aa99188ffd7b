package dev.formgate.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CommentTicketsTests {

	static final String COMMENT = "0f8fad5b-d9cb-469f-a165-70867728950e";

	final CommentTickets tickets = new CommentTickets(
			"a-transport-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8));

	final Instant now = Instant.parse("2026-12-03T10:00:00Z");

	@Test
	void redeemsATicketItIssuedUntilItExpires() {
		String ticket = tickets.issue(COMMENT, "ACCESS", now.plus(Duration.ofHours(1)));

		assertThat(tickets.redeem(ticket, now)).hasValue(new CommentTickets.Ticket(COMMENT, "ACCESS",
				now.plus(Duration.ofHours(1))));
		assertThat(tickets.redeem(ticket, now.plus(Duration.ofHours(1)))).isEmpty();
	}

	@Test
	void refusesATamperedTicketOrOneOfAnotherKey() {
		String ticket = tickets.issue(COMMENT, "ACCESS", now.plus(Duration.ofHours(1)));
		var other = new CommentTickets("another-transport-key-of-32-bytes!!!".getBytes(StandardCharsets.UTF_8));

		assertThat(tickets.redeem(ticket.replace("ACCESS", "ERASURE"), now)).isEmpty();
		assertThat(tickets.redeem(ticket.replace(COMMENT, "7c9e6679-7425-40de-944b-e07fc1f90ae7"), now)).isEmpty();
		assertThat(tickets.redeem(ticket.substring(0, ticket.length() - 1) + "A", now)).isEmpty();
		assertThat(other.redeem(ticket, now)).isEmpty();
	}

	@Test
	void refusesWhatIsNoTicketWithoutThrowing() {
		for (String bad : new String[] { null, "", ".", "v1....", "v2." + COMMENT + ".ACCESS.1.x",
				"v1." + COMMENT + ".access.99999999999.x", "v1." + COMMENT + ".ACCESS.-1.x",
				"v1." + COMMENT.toUpperCase() + ".ACCESS.1.x", "x".repeat(CommentTickets.MAX_LENGTH + 1),
				"v1." + COMMENT + ".ACCESS.1.x.y", "v1.\u202e" + COMMENT + ".ACCESS.1.x" }) {
			assertThat(tickets.redeem(bad, now)).as(String.valueOf(bad)).isEmpty();
		}
	}

	@Test
	void derivesTheSameSecretForTheSameTicketOnly() {
		String one = tickets.issue(COMMENT, "ACCESS", now.plusSeconds(60));
		String two = tickets.issue(COMMENT, "ACCESS", now.plusSeconds(61));

		assertThat(tickets.derivedSecret(one, "status")).isEqualTo(tickets.derivedSecret(one, "status"))
			.isNotEqualTo(tickets.derivedSecret(two, "status")).isNotEqualTo(tickets.derivedSecret(one, "id"))
			.matches("[A-Za-z0-9_-]{43}");
	}
}
